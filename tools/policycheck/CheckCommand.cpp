//===--- CheckCommand.cpp - policycheck --policy FILE -p BUILD_DIR --------===//
//
// The default command: runs the analysis core over the translation units of a
// compilation database and prints the findings.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CompilationDatabaseLoader.h"

#include "policycheck/Analysis.h"
#include "policycheck/FindingRecord.h"
#include "policycheck/PolicyLoader.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace policycheck::tool {

namespace {

struct CheckOptions {
  std::string PolicyPath;
  std::string BuildDir;
  std::string Format = "text";
  std::string OutputPath;
  std::vector<std::string> Files;
};

/// What every translation unit adds: findings, and errors in the input (a
/// privacy annotation the policy cannot make sense of).
struct CheckOutput {
  std::vector<FindingRecord> Findings;
  std::vector<std::string> Errors;
};

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(const Knowledge &K, CheckOutput &Out) : K(K), Out(Out) {}
  void HandleTranslationUnit(clang::ASTContext &Context) override {
    if (Context.getDiagnostics().hasErrorOccurred())
      return; // code that does not compile is reported by the compiler
    AnalysisResult Result = analyzeTranslationUnit(Context, K);
    const clang::SourceManager &SM = Context.getSourceManager();
    for (const Finding &F : Result.Findings)
      Out.Findings.push_back(toRecord(F, SM));
    for (const AnalysisError &E : Result.Errors) {
      clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(E.Location));
      Out.Errors.push_back((P.isValid() ? std::string(P.getFilename()) + ":" +
                                              std::to_string(P.getLine()) + ":" +
                                              std::to_string(P.getColumn()) + ": "
                                        : std::string()) +
                           "error: " + E.Message);
    }
  }

private:
  const Knowledge &K;
  CheckOutput &Out;
};

class AnalysisAction : public clang::ASTFrontendAction {
public:
  AnalysisAction(const Knowledge &K, CheckOutput &Out) : K(K), Out(Out) {}
  std::unique_ptr<clang::ASTConsumer>
  CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(K, Out);
  }

private:
  const Knowledge &K;
  CheckOutput &Out;
};

class AnalysisActionFactory : public clang::tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(const Knowledge &K, CheckOutput &Out) : K(K), Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(K, Out);
  }

private:
  const Knowledge &K;
  CheckOutput &Out;
};

int usage(llvm::StringRef Problem) {
  llvm::errs() << "policycheck: error: " << Problem << "\n"
               << "usage: policycheck --policy FILE -p BUILD_DIR [--format "
                  "text|json] [--output FILE] [FILES...]\n";
  return ExitUsageOrPolicyError;
}

} // namespace

int runCheck(llvm::ArrayRef<llvm::StringRef> Args) {
  CheckOptions Options;
  for (size_t I = 0; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    auto Value = [&](llvm::StringRef Name) -> std::optional<std::string> {
      if (Arg.consume_front((Name + "=").str()))
        return Arg.str();
      if (Arg == Name && I + 1 < Args.size())
        return Args[++I].str();
      return std::nullopt;
    };
    if (auto V = Value("--policy"))
      Options.PolicyPath = *V;
    else if (auto V = Value("-p"))
      Options.BuildDir = *V;
    else if (auto V = Value("--format"))
      Options.Format = *V;
    else if (auto V = Value("--output"))
      Options.OutputPath = *V;
    else if (Arg.startswith("-"))
      return usage(("unknown option '" + Arg + "'").str());
    else
      Options.Files.push_back(Arg.str());
  }
  if (Options.BuildDir.empty())
    return usage("missing -p BUILD_DIR (the folder of compile_commands.json)");
  if (Options.Format != "text" && Options.Format != "json")
    return usage("unknown --format '" + Options.Format + "'; expected text or json");

  auto Database = loadCompilationDatabase(Options.BuildDir);
  if (!Database) {
    llvm::errs() << "policycheck: error: " << llvm::toString(Database.takeError())
                 << "\n";
    return ExitUsageOrPolicyError;
  }
  std::vector<std::string> Files = Options.Files;
  if (Files.empty())
    Files = (*Database)->getAllFiles();
  if (Files.empty())
    return usage("the compilation database lists no files");

  if (Options.PolicyPath.empty()) {
    Options.PolicyPath =
        findPolicyFile(llvm::sys::path::parent_path(Files.front()));
    if (Options.PolicyPath.empty())
      return usage("no --policy given and no " + DefaultPolicyFileName.str() +
                   " found beside the sources or in their parents");
  }
  auto Loaded = loadPolicyFile(Options.PolicyPath);
  if (!Loaded) {
    llvm::handleAllErrors(Loaded.takeError(), [](const PolicyError &E) {
      llvm::errs() << E.str() << "\n";
    });
    return ExitUsageOrPolicyError;
  }
  Knowledge K(*Loaded);

  clang::tooling::ClangTool Tool(**Database, Files);
  Tool.appendArgumentsAdjuster(clang::tooling::getClangStripOutputAdjuster());
  Tool.appendArgumentsAdjuster(clang::tooling::getClangSyntaxOnlyAdjuster());
  // Debian's clang++ keeps its own headers (stddef.h, ...) in its resource
  // folder; the tool is not installed beside it, so say where it is.
  Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-resource-dir=" POLICYCHECK_CLANG_RESOURCE_DIR,
      clang::tooling::ArgumentInsertPosition::END));
  CheckOutput Output;
  AnalysisActionFactory Factory(K, Output);
  int ToolStatus = Tool.run(&Factory);
  std::vector<FindingRecord> &Records = Output.Findings;
  normalizeRecords(Records);
  std::sort(Output.Errors.begin(), Output.Errors.end());
  Output.Errors.erase(std::unique(Output.Errors.begin(), Output.Errors.end()),
                      Output.Errors.end());
  for (const std::string &Error : Output.Errors)
    llvm::errs() << Error << "\n";

  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Options.OutputPath.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(Options.OutputPath, EC);
    if (EC)
      return usage("cannot write " + Options.OutputPath + ": " + EC.message());
  }
  llvm::raw_ostream &OS = File ? static_cast<llvm::raw_ostream &>(*File) : llvm::outs();
  if (Options.Format == "json")
    printJson(Records, OS);
  else
    printText(Records, OS);
  OS.flush();
  if (!Output.Errors.empty())
    return ExitUsageOrPolicyError;
  if (ToolStatus != 0) {
    llvm::errs() << "policycheck: error: some translation units could not be "
                    "compiled; their findings are missing\n";
    return ExitUsageOrPolicyError;
  }
  return Records.empty() ? ExitClean : ExitFindings;
}

} // namespace policycheck::tool
