//===--- LinkCommand.cpp - policycheck link DIR... ------------------------===//
//
// Reports the whole program from the facts the build wrote (plugin argument
// facts=DIR, clang-tidy option FactsDir), without parsing anything: the
// exported summaries of every translation unit are linked, and each unit's
// findings are printed as the other commands print them.
//
// A unit's facts are current when every summary it looked up reads the same
// in the linked program. A build that ran without the program's summaries
// (the first one) leaves units that called into other files without their
// cross-file flows: link says how many, and `--summaries FILE` writes the
// summaries for the next build (`summaries=FILE`), whose facts are current.
// Facts of a source that no longer exists are skipped; facts judged against
// another policy, or written by another version, are an error.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Report.h"

#include "policycheck/FactsFile.h"
#include "policycheck/PolicyLoader.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace policycheck::tool {

namespace {

int linkUsage(llvm::StringRef Problem) {
  llvm::errs() << "policycheck: error: " << Problem << "\n"
               << "usage: policycheck link [--policy FILE] [--format "
                  "text|json|sarif|github] [--output FILE] [--data-map FILE] "
                  "[--summaries FILE] [--baseline FILE] [--write-baseline FILE] "
                  "[--diff-base REF] [--changed-lines DIFF] "
                  "[--verbose] FACTS_DIR...\n";
  return ExitUsageOrPolicyError;
}

} // namespace

int runLink(llvm::ArrayRef<llvm::StringRef> Args) {
  ReportOptions Report;
  std::string PolicyPath;
  bool Verbose = false;
  std::vector<std::string> Folders;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (takeReportOption(Args, I, Report))
      continue;
    llvm::StringRef Arg = Args[I];
    auto Value = [&](llvm::StringRef Name) -> std::optional<std::string> {
      if (Arg.consume_front((Name + "=").str()))
        return Arg.str();
      if (Arg == Name && I + 1 < Args.size())
        return Args[++I].str();
      return std::nullopt;
    };
    if (auto V = Value("--policy"))
      PolicyPath = *V;
    else if (Arg == "--verbose")
      Verbose = true;
    else if (Arg.startswith("-"))
      return linkUsage(("unknown option '" + Arg + "'").str());
    else
      Folders.push_back(Arg.str());
  }
  if (Folders.empty())
    return linkUsage("missing FACTS_DIR (the folder given to the plugin's facts=)");
  if (std::string Problem = checkReportOptions(Report); !Problem.empty())
    return linkUsage(Problem);

  // Every facts file, in a stable order: the order decides which of two
  // definitions of one inline function is kept, as the tool's file order does.
  std::vector<std::string> Paths;
  for (const std::string &Folder : Folders) {
    if (!llvm::sys::fs::is_directory(Folder))
      return linkUsage("'" + Folder + "' is not a folder of facts");
    std::error_code EC;
    for (llvm::sys::fs::directory_iterator It(Folder, EC), End; It != End && !EC;
         It.increment(EC))
      if (llvm::StringRef(It->path()).endswith(".json"))
        Paths.push_back(It->path());
    if (EC)
      return linkUsage("cannot list " + Folder + ": " + EC.message());
  }
  std::vector<FactsFile> Facts;
  unsigned Gone = 0;
  for (const std::string &Path : Paths) {
    auto Read = readFactsFile(Path);
    if (!Read) {
      llvm::errs() << "policycheck: error: " << llvm::toString(Read.takeError()) << "\n";
      return ExitUsageOrPolicyError;
    }
    if (!llvm::sys::fs::exists(Read->Source)) {
      ++Gone; // its source was deleted: not part of the program any more
      continue;
    }
    Facts.push_back(std::move(*Read));
  }
  if (Facts.empty())
    return linkUsage("no facts in " + llvm::join(Folders, ", ") +
                     "; build with -fplugin-arg-policycheck-facts=DIR first");
  std::sort(Facts.begin(), Facts.end(), [](const FactsFile &A, const FactsFile &B) {
    return A.Source < B.Source;
  });

  // One policy for the whole program: the one given, or the one the facts
  // name; facts judged against any other text are stale.
  if (PolicyPath.empty())
    PolicyPath = Facts.front().PolicyPath;
  auto PolicyText = llvm::MemoryBuffer::getFile(PolicyPath);
  if (!PolicyText)
    return linkUsage("cannot read the policy " + PolicyPath);
  std::string Hash = textHash((*PolicyText)->getBuffer());
  for (const FactsFile &F : Facts)
    if (F.PolicyHash != Hash) {
      llvm::errs() << "policycheck: error: the facts of " << F.Source
                   << " were judged against " << F.PolicyPath
                   << " as it was then, not against " << PolicyPath
                   << "; build again with this policy\n";
      return ExitUsageOrPolicyError;
    }
  auto Loaded = loadPolicyFile(PolicyPath);
  if (!Loaded) {
    llvm::handleAllErrors(Loaded.takeError(), [](const PolicyError &E) {
      llvm::errs() << E.str() << "\n";
    });
    return ExitUsageOrPolicyError;
  }

  std::vector<UnitFacts> Units;
  for (FactsFile &F : Facts)
    Units.push_back(std::move(F.Facts));
  ProgramSummaries Linked = linkSummaries(Units);
  std::vector<std::string> Stale;
  for (size_t I = 0; I < Units.size(); ++I)
    if (!Units[I].isCurrent(Linked))
      Stale.push_back(Facts[I].Source);
  if (Verbose)
    llvm::errs() << "policycheck: linked " << Units.size() << " translation unit(s)"
                 << (Gone ? ", skipped " + std::to_string(Gone) + " of deleted sources"
                          : std::string())
                 << "\n";
  if (!Stale.empty())
    llvm::errs() << "policycheck: warning: " << Stale.size()
                 << " translation unit(s) were compiled without the current summaries "
                    "of the functions they call in other files (first: "
                 << Stale.front()
                 << "); their cross-file findings are missing until they are compiled "
                    "again with -fplugin-arg-policycheck-summaries=FILE (written by "
                    "--summaries FILE)\n";
  Report.PolicyPath = PolicyPath;
  return report(Report, Units, Linked, **Loaded);
}

} // namespace policycheck::tool
