//===--- Report.h - Printing a program's outcome ----------------*- C++ -*-===//
//
// What `policycheck -p BUILD` and `policycheck link DIR` share once every
// translation unit's facts are in: the findings in the chosen format, the
// errors, the data map, the linked summaries, and the exit status.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TOOL_REPORT_H
#define POLICYCHECK_TOOL_REPORT_H

#include "policycheck/UnitFacts.h"

#include <string>
#include <vector>

namespace policycheck::tool {

struct ReportOptions {
  std::string Format = "text"; // text, json, sarif, github
  std::string OutputPath;
  std::string DataMapPath;
  std::string SummariesPath;
  /// `--baseline FILE`: report only findings not in it.
  std::string BaselinePath;
  /// `--write-baseline FILE`: record every finding there.
  std::string WriteBaselinePath;
  /// `--changed-lines DIFF` and `--diff-base REF`: report only the findings
  /// whose path touches a line the change adds or modifies.
  std::string ChangedLinesPath;
  std::string DiffBase;
  /// The policy the findings were judged against (SARIF names it).
  std::string PolicyPath;
  /// An option given without its value, for checkReportOptions to say.
  std::string MissingValue;
};

/// Takes Args[I] when it is one of the options every reporting command
/// shares (`--format`, `--output`, `--data-map`, `--summaries`,
/// `--baseline`, `--write-baseline`, `--changed-lines`, `--diff-base`, each
/// `--name=value` or `--name value`,
/// I then past the value): true when it was.
bool takeReportOption(llvm::ArrayRef<llvm::StringRef> Args, size_t &I,
                      ReportOptions &Options);

/// The formats --format accepts, and a check of --data-map's name; an empty
/// string when the options are fine, else what is wrong.
std::string checkReportOptions(const ReportOptions &Options);

/// Prints everything and returns the exit status (0 clean, 1 findings, 2 an
/// error: input errors, a file that cannot be written, code that does not
/// compile).
int report(const ReportOptions &Options, const std::vector<UnitFacts> &Units,
           const ProgramSummaries &Linked, const Policy &ThePolicy);

} // namespace policycheck::tool

#endif
