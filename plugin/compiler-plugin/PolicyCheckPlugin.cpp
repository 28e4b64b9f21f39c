//===--- PolicyCheckPlugin.cpp - policycheck inside clang++ ---------------===//
//
// Loaded with
//   clang++ -fplugin=libpolicycheck-plugin.so \
//           -fplugin-arg-policycheck-policy=privacy-policy.yaml ...
// the plugin runs the analysis core after parsing and reports findings as
// ordinary compiler warnings with notes, each ending with its check name in
// brackets as clang-tidy's do. It adds nothing to the object file: the action
// runs before the main action and leaves code generation alone.
//
// Arguments (-fplugin-arg-policycheck-NAME[=VALUE]):
//   policy=FILE     the policy (default: privacy-policy.yaml beside the main
//                   file or in a parent folder)
//   checks=GLOBS    which checks, comma-separated globs (default: privacy-*);
//                   `-privacy-retention` turns one off
//   werror          findings are errors
//   summaries=FILE  the program's summaries (`policycheck --summaries FILE`):
//                   calls into functions defined in other translation units
//                   use them, so the warnings are whole-program
//   facts=DIR       writes the translation unit's facts into DIR, for
//                   `policycheck link DIR` (a failure to write is a warning:
//                   the build goes on)
//
//===----------------------------------------------------------------------===//
#include "policycheck/Analysis.h"
#include "policycheck/FactsFile.h"
#include "policycheck/PolicyLoader.h"
#include "policycheck/PolicySourceLocations.h"
#include "policycheck/Suppression.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace policycheck;

namespace {

struct PluginOptions {
  std::string PolicyPath;
  std::string SummariesPath;
  std::string FactsDir;
  std::vector<std::string> CheckGlobs{"privacy-*"};
  bool WarningsAsErrors = false;

  bool enabled(llvm::StringRef Check) const {
    bool On = false;
    for (llvm::StringRef Glob : CheckGlobs) {
      bool Negative = Glob.consume_front("-");
      if (matchesQualifiedNamePattern(Glob, Check))
        On = !Negative;
    }
    return On;
  }
};

class PolicyCheckConsumer : public clang::ASTConsumer {
public:
  PolicyCheckConsumer(clang::CompilerInstance &CI, PluginOptions Options)
      : CI(CI), Options(std::move(Options)) {}

  void HandleTranslationUnit(clang::ASTContext &Context) override {
    clang::DiagnosticsEngine &Diags = CI.getDiagnostics();
    if (Diags.hasErrorOccurred())
      return; // the compiler has said what is wrong; findings would mislead
    clang::SourceManager &SM = Context.getSourceManager();

    std::string PolicyPath = Options.PolicyPath;
    if (PolicyPath.empty()) {
      if (const clang::FileEntry *Main = SM.getFileEntryForID(SM.getMainFileID()))
        PolicyPath = findPolicyFile(llvm::sys::path::parent_path(Main->getName()));
      if (PolicyPath.empty()) {
        unsigned ID = Diags.getCustomDiagID(
            clang::DiagnosticsEngine::Error,
            "policycheck: no %0 found beside the source or in a parent folder; "
            "pass -fplugin-arg-policycheck-policy=FILE");
        Diags.Report(ID) << DefaultPolicyFileName;
        return;
      }
    }
    auto Loaded = loadPolicyFile(PolicyPath);
    if (!Loaded) {
      // One clear error, and the compile fails cleanly.
      // One clear error at the policy's own line, and the compile fails
      // cleanly.
      unsigned ID = Diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                          "policycheck: %0");
      PolicySourceLocations PolicyLines(SM);
      llvm::handleAllErrors(Loaded.takeError(), [&](const PolicyError &E) {
        clang::SourceLocation Where = PolicyLines.get(E.location());
        if (Where.isValid())
          Diags.Report(Where, ID) << E.description();
        else
          Diags.Report(ID) << E.str();
      });
      return;
    }
    std::optional<ProgramSummaries> Linked;
    if (!Options.SummariesPath.empty()) {
      auto Read = readSummariesFile(Options.SummariesPath);
      if (!Read) {
        unsigned ID = Diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                            "policycheck: %0");
        Diags.Report(ID) << llvm::toString(Read.takeError());
        return;
      }
      Linked = std::move(*Read);
    }
    Knowledge K(*Loaded);
    AnalysisResult Result =
        analyzeTranslationUnit(Context, K, Linked ? &*Linked : nullptr);
    if (!Options.FactsDir.empty())
      writeFacts(Result, SM, K, Linked ? &*Linked : nullptr, PolicyPath);

    // Clang 14's custom diagnostics ignore -Werror and -w: decide here.
    if (Diags.getIgnoreAllWarnings() && !Options.WarningsAsErrors)
      return;
    auto Level = Options.WarningsAsErrors || Diags.getWarningsAsErrors()
                     ? clang::DiagnosticsEngine::Error
                     : clang::DiagnosticsEngine::Warning;
    unsigned FindingID = Diags.getCustomDiagID(Level, "%0 [%1]");
    unsigned NoteID = Diags.getCustomDiagID(clang::DiagnosticsEngine::Note, "%0");
    unsigned ErrorID = Diags.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                             "policycheck: %0");
    for (const AnalysisError &E : Result.Errors)
      Diags.Report(E.Location, ErrorID) << E.Message;

    PolicySourceLocations PolicyLines(SM);
    for (const Finding &F : Result.Findings) {
      llvm::StringRef Check = checkInfo(F.Check).Name;
      if (!Options.enabled(Check))
        continue;
      Diags.Report(F.Location, FindingID) << F.Message << Check;
      for (const FindingNote &N : F.Notes) {
        clang::SourceLocation Loc = N.CodeLocation.isValid() ? N.CodeLocation
                                    : N.CodeElsewhere.valid()
                                        ? locationOf(SM, N.CodeElsewhere)
                                        : PolicyLines.get(N.PolicyLine);
        Diags.Report(Loc, NoteID) << N.Message;
      }
    }
  }

private:
  clang::CompilerInstance &CI;
  PluginOptions Options;

  void writeFacts(const AnalysisResult &Result, const clang::SourceManager &SM,
                  const Knowledge &K, const ProgramSummaries *Linked,
                  const std::string &PolicyPath) {
    if (llvm::Error Err =
            writeTranslationUnitFacts(Options.FactsDir, CI.getFrontendOpts().OutputFile,
                                      Result, SM, K, Linked, PolicyPath)) {
      clang::DiagnosticsEngine &Diags = CI.getDiagnostics();
      unsigned ID = Diags.getCustomDiagID(clang::DiagnosticsEngine::Warning,
                                          "policycheck: %0");
      Diags.Report(ID) << llvm::toString(std::move(Err));
    }
  }
};

class PolicyCheckAction : public clang::PluginASTAction {
protected:
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &CI, llvm::StringRef) override {
    return std::make_unique<PolicyCheckConsumer>(CI, Options);
  }

  bool ParseArgs(const clang::CompilerInstance &CI,
                 const std::vector<std::string> &Args) override {
    clang::DiagnosticsEngine &Diags = CI.getDiagnostics();
    for (llvm::StringRef Arg : Args) {
      auto [Name, Value] = Arg.split('=');
      if (Name == "policy" && !Value.empty()) {
        Options.PolicyPath = Value.str();
      } else if (Name == "summaries" && !Value.empty()) {
        Options.SummariesPath = Value.str();
      } else if (Name == "facts" && !Value.empty()) {
        Options.FactsDir = Value.str();
      } else if (Name == "checks" && !Value.empty()) {
        Options.CheckGlobs.clear();
        llvm::SmallVector<llvm::StringRef, 8> Globs;
        Value.split(Globs, ',', -1, false);
        for (llvm::StringRef Glob : Globs)
          Options.CheckGlobs.push_back(Glob.trim().str());
      } else if (Arg == "werror") {
        Options.WarningsAsErrors = true;
      } else {
        // An argument we do not know is a mistake, not something to ignore.
        unsigned ID = Diags.getCustomDiagID(
            clang::DiagnosticsEngine::Error,
            "policycheck: unknown plugin argument '%0'; expected policy=FILE, "
            "checks=GLOBS, summaries=FILE, facts=DIR or werror");
        Diags.Report(ID) << Arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginOptions Options;
};

} // namespace

static clang::FrontendPluginRegistry::Add<PolicyCheckAction>
    Registration("policycheck", "holds the code to its privacy policy");
