//===--- CheckCommand.cpp - policycheck --policy FILE -p BUILD_DIR --------===//
//
// The default command: runs the analysis core over the translation units of a
// compilation database, in parallel, and writes the findings (text, JSON,
// SARIF or GitHub annotations) and, on request, the data map.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CompilationDatabaseLoader.h"
#include "OutputFormats.h"

#include "policycheck/Analysis.h"
#include "policycheck/DataMap.h"
#include "policycheck/FindingRecord.h"
#include "policycheck/Judge.h"
#include "policycheck/PolicyLoader.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <mutex>

namespace policycheck::tool {

namespace {

struct CheckOptions {
  std::string PolicyPath;
  std::string BuildDir;
  std::string Format = "text";
  std::string OutputPath;
  std::string DataMapPath;
  unsigned Jobs = 1;
  std::vector<std::string> Files;
};

/// What the translation units add, merged under a lock.
struct CheckOutput {
  std::mutex Lock;
  std::vector<FindingRecord> Findings;
  std::vector<FlowRecord> Flows;
  std::vector<std::string> Errors;
  bool CompileFailed = false;
};

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(const Knowledge &K, CheckOutput &Out) : K(K), Out(Out) {}

  void HandleTranslationUnit(clang::ASTContext &Context) override {
    if (Context.getDiagnostics().hasErrorOccurred())
      return; // code that does not compile is reported by the compiler
    AnalysisResult Result = analyzeTranslationUnit(Context, K);
    const clang::SourceManager &SM = Context.getSourceManager();
    Judge J(*K.ThePolicy, K.Hosts);
    std::vector<FindingRecord> Findings;
    std::vector<FlowRecord> Flows;
    std::vector<std::string> Errors;
    for (const Finding &F : Result.Findings)
      Findings.push_back(toRecord(F, SM));
    for (const FlowEvent &E : Result.Flows)
      for (FlowRecord &R : toFlowRecords(E, J, SM))
        Flows.push_back(std::move(R));
    for (const AnalysisError &E : Result.Errors) {
      clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(E.Location));
      Errors.push_back((P.isValid() ? std::string(P.getFilename()) + ":" +
                                          std::to_string(P.getLine()) + ":" +
                                          std::to_string(P.getColumn()) + ": "
                                    : std::string()) +
                       "error: " + E.Message);
    }
    std::lock_guard<std::mutex> Guard(Out.Lock);
    Out.Findings.insert(Out.Findings.end(), Findings.begin(), Findings.end());
    Out.Flows.insert(Out.Flows.end(), Flows.begin(), Flows.end());
    Out.Errors.insert(Out.Errors.end(), Errors.begin(), Errors.end());
  }

private:
  const Knowledge &K;
  CheckOutput &Out;
};

class AnalysisActionFactory : public clang::tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(const Knowledge &K, CheckOutput &Out) : K(K), Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    class Action : public clang::ASTFrontendAction {
    public:
      Action(const Knowledge &K, CheckOutput &Out) : K(K), Out(Out) {}
      std::unique_ptr<clang::ASTConsumer>
      CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
        return std::make_unique<AnalysisConsumer>(K, Out);
      }

    private:
      const Knowledge &K;
      CheckOutput &Out;
    };
    return std::make_unique<Action>(K, Out);
  }

private:
  const Knowledge &K;
  CheckOutput &Out;
};

int usage(llvm::StringRef Problem) {
  llvm::errs() << "policycheck: error: " << Problem << "\n"
               << "usage: policycheck [--policy FILE] -p BUILD_DIR [-j N] "
                  "[--format text|json|sarif|github] [--output FILE] "
                  "[--data-map FILE.md|FILE.json] [FILES...]\n";
  return ExitUsageOrPolicyError;
}

/// Runs the analysis over one file with its own ClangTool, so that files can
/// run on several threads.
void checkFile(const clang::tooling::CompilationDatabase &Database,
               const std::string &File, const Knowledge &K, CheckOutput &Out) {
  // A physical file system of its own for each tool: ClangTool moves into
  // each compile command's directory, and through the process-wide real file
  // system that would move every thread (and the --output paths) with it.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS(
      llvm::vfs::createPhysicalFileSystem().release());
  clang::tooling::ClangTool Tool(Database, {File},
                                 std::make_shared<clang::PCHContainerOperations>(),
                                 FS);
  Tool.appendArgumentsAdjuster(clang::tooling::getClangStripOutputAdjuster());
  Tool.appendArgumentsAdjuster(clang::tooling::getClangSyntaxOnlyAdjuster());
  // Debian's clang++ keeps its own headers (stddef.h, ...) in its resource
  // folder; the tool is not installed beside it, so say where it is.
  Tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      "-resource-dir=" POLICYCHECK_CLANG_RESOURCE_DIR,
      clang::tooling::ArgumentInsertPosition::END));
  AnalysisActionFactory Factory(K, Out);
  if (Tool.run(&Factory) != 0) {
    std::lock_guard<std::mutex> Guard(Out.Lock);
    Out.CompileFailed = true;
  }
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
      if (Name.size() == 2 && Arg.startswith(Name) && Arg.size() > 2)
        return Arg.drop_front(2).str(); // -jN, -pDIR
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
    else if (auto V = Value("--data-map"))
      Options.DataMapPath = *V;
    else if (auto V = Value("-j")) {
      if (llvm::StringRef(*V).getAsInteger(10, Options.Jobs) || Options.Jobs == 0)
        return usage("-j needs a positive number of jobs, not '" + *V + "'");
    } else if (Arg.startswith("-"))
      return usage(("unknown option '" + Arg + "'").str());
    else
      Options.Files.push_back(Arg.str());
  }
  if (Options.BuildDir.empty())
    return usage("missing -p BUILD_DIR (the folder of compile_commands.json)");
  static const llvm::StringRef Formats[] = {"text", "json", "sarif", "github"};
  if (!llvm::is_contained(Formats, Options.Format))
    return usage("unknown --format '" + Options.Format +
                 "'; expected text, json, sarif or github");
  if (!Options.DataMapPath.empty() &&
      !llvm::StringRef(Options.DataMapPath).endswith(".md") &&
      !llvm::StringRef(Options.DataMapPath).endswith(".json"))
    return usage("--data-map needs a file ending in .md or .json");

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

  // A progress line on a terminal; nothing when the output is read by a
  // program.
  bool Progress = llvm::sys::Process::StandardErrIsDisplayed();
  std::atomic<unsigned> Done{0};
  std::mutex ProgressLock;
  auto Report = [&](const std::string &File) {
    unsigned N = ++Done;
    if (!Progress)
      return;
    std::lock_guard<std::mutex> Guard(ProgressLock);
    llvm::errs() << "\r\033[K[" << N << "/" << Files.size() << "] "
                 << llvm::sys::path::filename(File);
  };
  CheckOutput Output;
  if (Options.Jobs == 1) {
    for (const std::string &File : Files) {
      checkFile(**Database, File, K, Output);
      Report(File);
    }
  } else {
    llvm::ThreadPool Pool(llvm::hardware_concurrency(Options.Jobs));
    for (const std::string &File : Files)
      Pool.async([&, File] {
        checkFile(**Database, File, K, Output);
        Report(File);
      });
    Pool.wait();
  }
  if (Progress)
    llvm::errs() << "\r\033[K";

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
  else if (Options.Format == "sarif")
    printSarif(Records, OS);
  else if (Options.Format == "github")
    printGitHub(Records, OS);
  else
    printText(Records, OS);
  OS.flush();

  if (!Options.DataMapPath.empty()) {
    llvm::raw_fd_ostream Map(Options.DataMapPath, EC);
    if (EC)
      return usage("cannot write " + Options.DataMapPath + ": " + EC.message());
    if (llvm::StringRef(Options.DataMapPath).endswith(".json"))
      printDataMapJson(Output.Flows, K.ThePolicy->service(), Map);
    else
      printDataMapMarkdown(Output.Flows, K.ThePolicy->service(), Map);
  }

  if (!Output.Errors.empty())
    return ExitUsageOrPolicyError;
  if (Output.CompileFailed) {
    llvm::errs() << "policycheck: error: some translation units could not be "
                    "compiled; their findings are missing\n";
    return ExitUsageOrPolicyError;
  }
  return Records.empty() ? ExitClean : ExitFindings;
}

} // namespace policycheck::tool
