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

std::vector<FlowRecord> toFlowRecords(const FlowEvent &Event, const Judge &J,
                                      const clang::SourceManager &SM);

/// Markdown: one table of category by destination with counts and places,
/// then the destinations known only at run time.
void printDataMapMarkdown(std::vector<FlowRecord> Flows, llvm::StringRef Service,
                          llvm::raw_ostream &OS);
void printDataMapJson(std::vector<FlowRecord> Flows, llvm::StringRef Service,
                      llvm::raw_ostream &OS);

} // namespace policycheck

#endif
