//===--- UnitFacts.h - What one translation unit's analysis gave -*- C++ -*-===//
//
// The outcome of analysing one source file, as plain values that outlive its
// AST: the findings and flows as records, the summaries it exports to the
// rest of the program, and each entry of the program's summaries it looked
// up, with that entry's text then. The tool's rounds and its cache keep it;
// the compiler plugin (`facts=DIR`) writes it for `policycheck link`.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_UNITFACTS_H
#define POLICYCHECK_UNITFACTS_H

#include "policycheck/Analysis.h"
#include "policycheck/DataMap.h"
#include "policycheck/FindingRecord.h"
#include "policycheck/Summaries.h"

#include "llvm/Support/JSON.h"

#include <map>
#include <string>
#include <vector>

namespace policycheck {

struct UnitFacts {
  std::vector<FindingRecord> Findings;
  std::vector<FlowRecord> Flows;
  std::vector<ConsentCheckRecord> ConsentChecks;
  std::vector<std::string> Errors;
  ProgramSummaries Exported;
  /// Each entry of the program's summaries the analysis looked up (`f:USR`
  /// a function's, `o:USR` a method's overriders, `d:CLASS.FIELD` a field's
  /// writes, `c:USR` whether a function is called), with its text then: the outcome is current while every one
  /// reads the same.
  std::map<std::string, std::string> Seen;
  /// Every file the compiler read (the source and each header), absolute.
  std::vector<std::string> Inputs;
  bool CompileFailed = false;

  /// Whether every entry it looked up reads the same in \p Linked.
  bool isCurrent(const ProgramSummaries &Linked) const;
  /// Adds another compile of the same file (another configuration).
  void merge(UnitFacts Other);
};

/// The facts of an analysis: its findings, flows and errors as records, its
/// exported summaries, what it looked up in \p Linked (null: nothing), and
/// every file the compiler read.
UnitFacts unitFactsOf(const AnalysisResult &Result, const clang::SourceManager &SM,
                      const Knowledge &K, const ProgramSummaries *Linked);

/// The summaries of the whole program, from each unit's, in the order of
/// the units (a function defined in several keeps the first's).
ProgramSummaries linkSummaries(const std::vector<UnitFacts> &Units);

/// The text of an entry of the program's summaries (`f:`, `o:`, `d:`, `c:`).
std::string entryText(const ProgramSummaries &Linked, llvm::StringRef Entry);

/// The facts as JSON (without Inputs, which each file format keeps its own
/// way), and back; false on anything malformed.
llvm::json::Value unitFactsToJson(const UnitFacts &U);
bool unitFactsFromJson(const llvm::json::Object &O, UnitFacts &U);

} // namespace policycheck

#endif
