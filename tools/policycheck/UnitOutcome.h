//===--- UnitOutcome.h - What one source file's analysis gave ---*- C++ -*-===//
//
// The tool keeps, for each source file of the compilation database, what its
// latest analysis gave: the findings and flows as plain records, the
// summaries it exports to the rest of the program, and the entries of the
// program's summaries it looked up, with their text then. The rounds of
// linking compare those texts; the cache keeps the whole outcome between runs.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TOOL_UNITOUTCOME_H
#define POLICYCHECK_TOOL_UNITOUTCOME_H

#include "policycheck/DataMap.h"
#include "policycheck/FindingRecord.h"
#include "policycheck/Summaries.h"

#include <map>
#include <string>
#include <vector>

namespace policycheck::tool {

struct UnitOutcome {
  std::vector<FindingRecord> Findings;
  std::vector<FlowRecord> Flows;
  std::vector<std::string> Errors;
  ProgramSummaries Exported;
  /// Each entry of the program's summaries the analysis looked up (`f:USR`,
  /// `o:USR`), with its text then: the outcome is current while every one
  /// reads the same.
  std::map<std::string, std::string> Seen;
  /// Every file the compiler read (the source and each header), absolute.
  std::vector<std::string> Inputs;
  bool CompileFailed = false;
};

/// The text of an entry of the program's summaries (`f:USR` or `o:USR`).
std::string entryText(const ProgramSummaries &Linked, llvm::StringRef Entry);

} // namespace policycheck::tool

#endif
