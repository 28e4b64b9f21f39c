//===--- Report.cpp - Printing a program's outcome ------------------------===//
#include "Report.h"

#include "Baseline.h"
#include "ChangedLines.h"
#include "Commands.h"
#include "OutputFormats.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <memory>
#include <optional>

namespace policycheck::tool {

bool takeReportOption(llvm::ArrayRef<llvm::StringRef> Args, size_t &I,
                      ReportOptions &Options) {
  auto [Name, Value] = Args[I].split('=');
  std::string *Field = llvm::StringSwitch<std::string *>(Name)
                           .Case("--format", &Options.Format)
                           .Case("--output", &Options.OutputPath)
                           .Case("--data-map", &Options.DataMapPath)
                           .Case("--summaries", &Options.SummariesPath)
                           .Case("--baseline", &Options.BaselinePath)
                           .Case("--write-baseline", &Options.WriteBaselinePath)
                           .Case("--changed-lines", &Options.ChangedLinesPath)
                           .Case("--diff-base", &Options.DiffBase)
                           .Default(nullptr);
  if (!Field)
    return false;
  if (Args[I].contains('='))
    *Field = Value.str();
  else if (I + 1 < Args.size())
    *Field = Args[++I].str();
  else
    Options.MissingValue = Name.str();
  return true;
}

std::string checkReportOptions(const ReportOptions &Options) {
  if (!Options.MissingValue.empty())
    return Options.MissingValue + " needs a value";
  if (!Options.ChangedLinesPath.empty() && !Options.DiffBase.empty())
    return "--changed-lines and --diff-base name the change twice; give one";
  static const llvm::StringRef Formats[] = {"text", "json", "sarif", "github"};
  if (!llvm::is_contained(Formats, Options.Format))
    return "unknown --format '" + Options.Format +
           "'; expected text, json, sarif or github";
  if (!Options.DataMapPath.empty() &&
      !llvm::StringRef(Options.DataMapPath).endswith(".md") &&
      !llvm::StringRef(Options.DataMapPath).endswith(".json"))
    return "--data-map needs a file ending in .md or .json";
  return "";
}

static int cannotWrite(const std::string &Path, const std::error_code &EC) {
  llvm::errs() << "policycheck: error: cannot write " << Path << ": " << EC.message()
               << "\n";
  return ExitUsageOrPolicyError;
}

int report(const ReportOptions &Options, const std::vector<UnitFacts> &Units,
           const ProgramSummaries &Linked, const Policy &ThePolicy) {
  std::vector<FindingRecord> Records;
  DataMapFacts Map;
  std::vector<FlowRecord> &Flows = Map.Flows;
  std::vector<std::string> Errors;
  bool CompileFailed = false;
  for (const UnitFacts &U : Units) {
    Records.insert(Records.end(), U.Findings.begin(), U.Findings.end());
    Flows.insert(Flows.end(), U.Flows.begin(), U.Flows.end());
    Map.ConsentChecks.insert(Map.ConsentChecks.end(), U.ConsentChecks.begin(),
                             U.ConsentChecks.end());
    Errors.insert(Errors.end(), U.Errors.begin(), U.Errors.end());
    CompileFailed |= U.CompileFailed;
  }
  normalizeRecords(Records);
  std::sort(Errors.begin(), Errors.end());
  Errors.erase(std::unique(Errors.begin(), Errors.end()), Errors.end());
  for (const std::string &Error : Errors)
    llvm::errs() << Error << "\n";

  std::error_code EC;
  if (!Options.WriteBaselinePath.empty()) {
    llvm::raw_fd_ostream Out(Options.WriteBaselinePath, EC);
    if (EC)
      return cannotWrite(Options.WriteBaselinePath, EC);
    writeBaseline(Records, Flows, Out);
  }
  std::optional<FlowChanges> Changes;
  if (!Options.BaselinePath.empty()) {
    auto Baseline = readBaseline(Options.BaselinePath);
    if (!Baseline) {
      llvm::errs() << "policycheck: error: " << llvm::toString(Baseline.takeError())
                   << "\n";
      return ExitUsageOrPolicyError;
    }
    size_t Before = Records.size();
    std::vector<BaselineEntry> Fixed = applyBaseline(Baseline->Findings, Records);
    Changes = flowChanges(Baseline->Flows, Flows);
    llvm::errs() << "policycheck: " << Before - Records.size()
                 << " finding(s) in the baseline not reported; " << Records.size()
                 << " new\n";
    if (!Fixed.empty()) {
      llvm::errs() << "policycheck: " << Fixed.size()
                   << " baseline entr" << (Fixed.size() == 1 ? "y" : "ies")
                   << " no longer found (fixed; --write-baseline writes the file "
                      "without them):\n";
      for (const BaselineEntry &E : Fixed)
        llvm::errs() << "  " << E.File << ": " << E.Check
                     << (E.Category.empty() ? "" : " " + E.Category) << " -> "
                     << E.Destination
                     << (E.Function.empty() ? "" : " in '" + E.Function + "'") << " ["
                     << E.Fingerprint << "]\n";
    }
    // What the change does to the data map, for the reviewer who signs the
    // policy: which data now goes where, and what no longer does.
    if (!Changes->New.empty() || !Changes->Removed.empty())
      llvm::errs() << "policycheck: the data map since the baseline: " << Changes->New.size()
                   << " flow(s) added, " << Changes->Removed.size() << " removed\n";
    for (const auto &[F, At] : Changes->New)
      llvm::errs() << "  new: " << F.Category << " -> " << F.DestinationId << " ("
                   << F.Destination << ") at " << relativePath(At.File) << ":" << At.Line
                   << "\n";
    for (const BaselineFlow &F : Changes->Removed)
      llvm::errs() << "  removed: " << F.Category << " -> " << F.DestinationId << " ("
                   << F.Destination << ") in " << F.File << "\n";
  }
  if (!Options.ChangedLinesPath.empty() || !Options.DiffBase.empty()) {
    auto Changed = Options.DiffBase.empty() ? readChangedLines(Options.ChangedLinesPath)
                                            : changedSince(Options.DiffBase);
    if (!Changed) {
      llvm::errs() << "policycheck: error: " << llvm::toString(Changed.takeError()) << "\n";
      return ExitUsageOrPolicyError;
    }
    size_t Before = Records.size();
    Records.erase(std::remove_if(Records.begin(), Records.end(),
                                 [&](const FindingRecord &R) { return !Changed->touches(R); }),
                  Records.end());
    llvm::errs() << "policycheck: " << Records.size()
                 << " finding(s) on the lines the change touches; " << Before - Records.size()
                 << " elsewhere not reported\n";
  }
  if (!Options.SummariesPath.empty()) {
    llvm::raw_fd_ostream Out(Options.SummariesPath, EC);
    if (EC)
      return cannotWrite(Options.SummariesPath, EC);
    writeSummaries(Linked, Out);
  }

  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Options.OutputPath.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(Options.OutputPath, EC);
    if (EC)
      return cannotWrite(Options.OutputPath, EC);
  }
  llvm::raw_ostream &OS = File ? static_cast<llvm::raw_ostream &>(*File) : llvm::outs();
  if (Options.Format == "json")
    printJson(Records, OS, Changes ? flowChangesJson(*Changes) : llvm::json::Object());
  else if (Options.Format == "sarif")
    printSarif(Records, Options.PolicyPath, OS,
               Changes ? flowChangesJson(*Changes) : llvm::json::Object());
  else if (Options.Format == "github")
    printGitHub(Records, OS);
  else
    printText(Records, OS);
  OS.flush();

  if (!Options.DataMapPath.empty()) {
    llvm::raw_fd_ostream Out(Options.DataMapPath, EC);
    if (EC)
      return cannotWrite(Options.DataMapPath, EC);
    if (llvm::StringRef(Options.DataMapPath).endswith(".json"))
      printDataMapJson(std::move(Map), ThePolicy, Out);
    else
      printDataMapMarkdown(std::move(Map), ThePolicy, Out);
  }

  if (!Errors.empty())
    return ExitUsageOrPolicyError;
  if (CompileFailed) {
    llvm::errs() << "policycheck: error: some translation units could not be "
                    "compiled; their findings are missing\n";
    return ExitUsageOrPolicyError;
  }
  return Records.empty() ? ExitClean : ExitFindings;
}

} // namespace policycheck::tool
