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

#include "policycheck/FindingRecord.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace policycheck::tool {

struct BaselineEntry {
  std::string Fingerprint, Check, File, Function, Category, Destination;
};

void writeBaseline(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS);

/// Reads a baseline file; anything that is not one, whole, is one error
/// naming the file and the place in it.
llvm::Expected<std::vector<BaselineEntry>> readBaseline(llvm::StringRef Path);

/// Removes from \p Records the findings \p Baseline holds; returns the
/// entries no finding matches any more (fixed since it was written).
std::vector<BaselineEntry> applyBaseline(const std::vector<BaselineEntry> &Baseline,
                                         std::vector<FindingRecord> &Records);

} // namespace policycheck::tool

#endif
