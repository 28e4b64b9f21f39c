//===--- Baseline.h - The findings a code base already had ------*- C++ -*-===//
//
// `--write-baseline FILE` records today's findings; `--baseline FILE`
// reports only the findings not in it, so that a code base with old findings
// gates new ones from its first day (contract section 7). Findings are
// matched by fingerprint (FindingRecord::Fingerprint), never by line, so an
// edit above a finding does not bring it back. The file is meant to be
// committed and reviewed: sorted JSON, one entry per finding, with the file,
// function, check, category and destination beside each fingerprint.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TOOL_BASELINE_H
#define POLICYCHECK_TOOL_BASELINE_H

#include "policycheck/DataMap.h"
#include "policycheck/FindingRecord.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace policycheck::tool {

struct BaselineEntry {
  std::string Fingerprint, Check, File, Function, Category, Destination;
};

/// A flow of the data map, without its line: what data goes where, from
/// which file.
struct BaselineFlow {
  std::string Category, DestinationId, Destination, File;
  bool operator<(const BaselineFlow &O) const;
  bool operator==(const BaselineFlow &O) const;
};

struct Baseline {
  std::vector<BaselineEntry> Findings;
  std::vector<BaselineFlow> Flows;
};

/// Today's findings and the data map's flows (those that carry data).
void writeBaseline(const std::vector<FindingRecord> &Records,
                   const std::vector<FlowRecord> &Flows, llvm::raw_ostream &OS);

/// Reads a baseline file; anything that is not one, whole, is one error
/// naming the file and the place in it.
llvm::Expected<Baseline> readBaseline(llvm::StringRef Path);

/// What the data map gained and lost since the baseline: each new flow at
/// one of its places, each removed one as the baseline has it.
struct FlowChanges {
  std::vector<std::pair<BaselineFlow, PositionRecord>> New;
  std::vector<BaselineFlow> Removed;
};
FlowChanges flowChanges(const std::vector<BaselineFlow> &Before,
                        const std::vector<FlowRecord> &Now);
/// `{"flowChanges": {"new": [...], "removed": [...]}}`, for the JSON output
/// and SARIF's run properties.
llvm::json::Object flowChangesJson(const FlowChanges &C);

/// Removes from \p Records the findings \p Baseline holds; returns the
/// entries no finding matches any more (fixed since it was written).
std::vector<BaselineEntry> applyBaseline(const std::vector<BaselineEntry> &Baseline,
                                         std::vector<FindingRecord> &Records);

} // namespace policycheck::tool

#endif
