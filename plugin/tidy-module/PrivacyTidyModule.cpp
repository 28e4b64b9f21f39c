//===--- PrivacyTidyModule.cpp - policycheck's checks in clang-tidy -------===//
//
// Loaded with `clang-tidy --load=libpolicycheck-tidy.so -checks='-*,privacy-*'`.
// One clang-tidy check per contract check, all generated from Checks.def; the
// policy comes from the option `PolicyFile` (per check, or once for all in
// `.clang-tidy` as `privacy-*` share it through getLocalOrGlobal). The
// analysis runs once per translation unit and each check reports its own
// findings, so `-checks`, NOLINT and `.clang-tidy` filters behave as for any
// clang-tidy check. The option `SummariesFile` names the program's summaries
// (`policycheck --summaries FILE`): calls into functions defined in other
// translation units then use them, and the findings are whole-program.
// The option `FactsDir` writes each translation unit's facts there, for
// `policycheck link DIR`.
//
// The module links nothing from LLVM, Clang or clang-tidy: it registers into
// the clang-tidy binary's own registry.
//
//===----------------------------------------------------------------------===//
#include "policycheck/Analysis.h"
#include "policycheck/FactsFile.h"
#include "policycheck/PolicyLoader.h"
#include "policycheck/PolicySourceLocations.h"

#include "ClangTidyCheck.h"
#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <map>
#include <memory>

using namespace clang;
using namespace clang::tidy;
using namespace policycheck;

namespace {

/// The analysis of the current translation unit, shared by the checks. The
/// checks run one after another on one thread; the first to ask computes it.
struct SharedAnalysis {
  const ASTContext *Context = nullptr;
  std::string PolicyPath;
  std::string SummariesPath;
  std::shared_ptr<const Policy> ThePolicy;
  std::string PolicyErrorText;
  AnalysisResult Result;
  bool PolicyErrorReported = false;
};

SharedAnalysis &shared() {
  static SharedAnalysis Instance;
  return Instance;
}

class PrivacyCheck : public ClangTidyCheck {
public:
  PrivacyCheck(StringRef Name, ClangTidyContext *Context, CheckKind Kind)
      : ClangTidyCheck(Name, Context), Kind(Kind),
        PolicyFile(Options.getLocalOrGlobal("PolicyFile", "")),
        SummariesFile(Options.getLocalOrGlobal("SummariesFile", "")),
        FactsDir(Options.getLocalOrGlobal("FactsDir", "")) {}

  void storeOptions(ClangTidyOptions::OptionMap &Opts) override {
    Options.store(Opts, "PolicyFile", PolicyFile);
    Options.store(Opts, "SummariesFile", SummariesFile);
    Options.store(Opts, "FactsDir", FactsDir);
  }

  void registerMatchers(ast_matchers::MatchFinder *Finder) override {
    Finder->addMatcher(ast_matchers::translationUnitDecl().bind("tu"), this);
  }

  void check(const ast_matchers::MatchFinder::MatchResult &Match) override {
    ASTContext &Context = *Match.Context;
    SharedAnalysis &S = analysisFor(Context);
    if (!S.ThePolicy) {
      if (!S.PolicyErrorReported) {
        // One configuration error, not one per check, and not in the name of
        // whichever check happened to run first.
        S.PolicyErrorReported = true;
        configurationDiag("%0", DiagnosticIDs::Error) << S.PolicyErrorText;
      }
      return;
    }
    if (Kind == CheckKind::NotCollected) // report input errors once
      for (const AnalysisError &E : S.Result.Errors)
        diag(E.Location, "%0", DiagnosticIDs::Error) << E.Message;
    PolicySourceLocations PolicyLines(Context.getSourceManager());
    for (const Finding &F : S.Result.Findings) {
      if (F.Check != Kind)
        continue;
      diag(F.Location, "%0") << F.Message;
      for (const FindingNote &N : F.Notes) {
        SourceLocation Loc = N.CodeLocation.isValid() ? N.CodeLocation
                             : N.CodeElsewhere.valid()
                                 ? locationOf(Context.getSourceManager(), N.CodeElsewhere)
                                 : PolicyLines.get(N.PolicyLine);
        diag(Loc, "%0", DiagnosticIDs::Note) << N.Message;
      }
    }
  }

private:
  CheckKind Kind;
  std::string PolicyFile;
  std::string SummariesFile;
  std::string FactsDir;

  /// A relative path set in .clang-tidy names a file beside the sources or
  /// in a parent folder, as .clang-tidy itself is found; clang-tidy's working
  /// folder (a build folder under CMake) does not matter.
  static std::string besideSources(std::string Path, llvm::StringRef MainDir) {
    if (Path.empty() || !llvm::sys::path::is_relative(Path) ||
        llvm::sys::fs::exists(Path))
      return Path;
    for (llvm::StringRef Dir = MainDir; !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      llvm::SmallString<256> Candidate(Dir);
      llvm::sys::path::append(Candidate, Path);
      if (llvm::sys::fs::exists(Candidate))
        return std::string(Candidate);
    }
    return Path;
  }

  SharedAnalysis &analysisFor(ASTContext &Context) {
    SharedAnalysis &S = shared();
    const SourceManager &SM = Context.getSourceManager();
    std::string Path = PolicyFile;
    const FileEntry *Main = SM.getFileEntryForID(SM.getMainFileID());
    llvm::StringRef MainDir =
        Main ? llvm::sys::path::parent_path(Main->getName()) : llvm::StringRef();
    if (Path.empty() && Main)
      Path = findPolicyFile(MainDir);
    else if (Main)
      Path = besideSources(Path, MainDir);
    std::string Summaries = Main ? besideSources(SummariesFile, MainDir) : SummariesFile;
    if (S.Context == &Context && S.PolicyPath == Path && S.SummariesPath == Summaries)
      return S;
    S = SharedAnalysis();
    S.Context = &Context;
    S.PolicyPath = Path;
    S.SummariesPath = Summaries;
    if (Path.empty()) {
      S.PolicyErrorText = "policycheck: no " + DefaultPolicyFileName.str() +
                          " found beside the source or in a parent folder; set "
                          "the PolicyFile option";
      return S;
    }
    auto Loaded = loadPolicyFile(Path);
    if (!Loaded) {
      llvm::handleAllErrors(Loaded.takeError(), [&](const PolicyError &E) {
        S.PolicyErrorText = "policycheck: " + E.location().str() + ": " +
                            E.description();
      });
      return S;
    }
    std::optional<ProgramSummaries> Linked;
    if (!Summaries.empty()) {
      auto Read = readSummariesFile(Summaries);
      if (!Read) {
        S.PolicyErrorText = "policycheck: " + llvm::toString(Read.takeError());
        return S;
      }
      Linked = std::move(*Read);
    }
    S.ThePolicy = *Loaded;
    Knowledge K(S.ThePolicy);
    S.Result = analyzeTranslationUnit(Context, K, Linked ? &*Linked : nullptr);
    if (!FactsDir.empty())
      // For `policycheck link`; a failure to write must not fail the run.
      if (llvm::Error Err = writeTranslationUnitFacts(FactsDir, "", S.Result, SM, K,
                                                      Linked ? &*Linked : nullptr, Path))
        llvm::errs() << "policycheck: warning: " << llvm::toString(std::move(Err)) << "\n";
    return S;
  }
};

class PrivacyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    for (const CheckInfo &Info : allChecks()) {
      CheckKind Kind = Info.Kind;
      Factories.registerCheckFactory(
          Info.Name, [Kind](StringRef Name, ClangTidyContext *Context) {
            return std::make_unique<PrivacyCheck>(Name, Context, Kind);
          });
    }
  }
};

} // namespace

static ClangTidyModuleRegistry::Add<PrivacyModule>
    Registration("privacy-module", "policycheck: holds code to its privacy policy.");
