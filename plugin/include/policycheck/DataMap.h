//===--- DataMap.h - Every flow, category by destination --------*- C++ -*-===//
//
// The data map is what a privacy reviewer reads to see what the code does
// with personal data: every flow found, grouped by category and destination,
// with where it happens, and the destinations known only at run time.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_DATAMAP_H
#define POLICYCHECK_DATAMAP_H

#include "policycheck/FindingRecord.h"
#include "policycheck/FlowEvent.h"
#include "policycheck/Judge.h"
#include "policycheck/Policy.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace policycheck {

struct FlowRecord {
  std::string Category;      // empty: a request that carries no data found
  std::string DestinationId; // a vendor id, `storage`, `log`, a host, `unresolved`
  std::string Destination;   // in words
  std::string Via;           // the library call
  PositionRecord Position;
  bool Protected = false;    // hashed or encrypted on the way

  bool operator<(const FlowRecord &O) const;
  bool operator==(const FlowRecord &O) const;
};

/// A call to a consent entry's check (the record of a ConsentCheckCall).
struct ConsentCheckRecord {
  std::string Check;    // the entry's `check` pattern
  std::string Called;   // the function called
  std::string Function; // where it is called from
  PositionRecord Position;

  bool operator<(const ConsentCheckRecord &O) const;
  bool operator==(const ConsentCheckRecord &O) const;
};

std::vector<FlowRecord> toFlowRecords(const FlowEvent &Event, const Judge &J,
                                      const clang::SourceManager &SM);

/// What a data map shows: the flows and the consent checks' calls of every
/// translation unit.
struct DataMapFacts {
  std::vector<FlowRecord> Flows;
  std::vector<ConsentCheckRecord> ConsentChecks;
};

/// Markdown: one table of category by destination with counts and places,
/// then the destinations known only at run time, the cookies set and each of
/// \p ThePolicy's consent entries with the places its check is called.
void printDataMapMarkdown(DataMapFacts Facts, const Policy &ThePolicy,
                          llvm::raw_ostream &OS);
void printDataMapJson(DataMapFacts Facts, const Policy &ThePolicy, llvm::raw_ostream &OS);

} // namespace policycheck

#endif
