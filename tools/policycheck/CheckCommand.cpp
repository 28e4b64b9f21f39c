//===--- CheckCommand.cpp - policycheck --policy FILE -p BUILD_DIR --------===//
//
// The default command: runs the analysis core over the translation units of a
// compilation database, in parallel, and writes the findings (text, JSON,
// SARIF or GitHub annotations) and, on request, the data map.
//
// The program is the unit of analysis (contract section 6): a call into a
// function defined in another translation unit uses that function's summary.
// The tool runs in rounds. The first analyses every translation unit and
// collects the summaries each exports; each further round analyses again only
// the translation units whose looked-up summaries have changed since they
// were analysed, until none has (a fixed point, recursion across files
// included) or the round limit is reached. The findings are those of each
// translation unit's last analysis, which saw the summaries it depends on
// as they are at the end.
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
  std::string SummariesPath;
  unsigned Jobs = 1;
  std::vector<std::string> Files;
};

/// Rounds after the first, at most: a chain of calls across files longer
/// than this (or summaries that keep changing) is cut off, and said so.
constexpr unsigned MaxRounds = 8;

/// What one source file's translation units (one per compile command) gave
/// in their latest analysis.
struct UnitOutcome {
  std::vector<FindingRecord> Findings;
  std::vector<FlowRecord> Flows;
  std::vector<std::string> Errors;
  ProgramSummaries Exported;
  /// Each entry of the program's summaries the analysis looked up, with its
  /// text then: the analysis is current while every one is unchanged.
  std::map<std::string, std::string> Seen;
  bool CompileFailed = false;
};

std::string entryText(const ProgramSummaries &Linked, llvm::StringRef Entry) {
  std::string USR = Entry.drop_front(2).str();
  return Entry.startswith("o:") ? Linked.overridersText(USR)
                                : Linked.functionText(USR);
}

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(const Knowledge &K, const ProgramSummaries &Linked,
                   UnitOutcome &Out)
      : K(K), Linked(Linked), Out(Out) {}

  void HandleTranslationUnit(clang::ASTContext &Context) override {
    if (Context.getDiagnostics().hasErrorOccurred())
      return; // code that does not compile is reported by the compiler
    AnalysisResult Result = analyzeTranslationUnit(Context, K, &Linked);
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
    Out.Findings.insert(Out.Findings.end(), Findings.begin(), Findings.end());
    Out.Flows.insert(Out.Flows.end(), Flows.begin(), Flows.end());
    Out.Errors.insert(Out.Errors.end(), Errors.begin(), Errors.end());
    Out.Exported.merge(Result.Exported);
    for (const std::string &Entry : Result.LookedUp)
      Out.Seen.emplace(Entry, entryText(Linked, Entry));
  }

private:
  const Knowledge &K;
  const ProgramSummaries &Linked;
  UnitOutcome &Out;
};

class AnalysisActionFactory : public clang::tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(const Knowledge &K, const ProgramSummaries &Linked,
                        UnitOutcome &Out)
      : K(K), Linked(Linked), Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    class Action : public clang::ASTFrontendAction {
    public:
      Action(const Knowledge &K, const ProgramSummaries &Linked, UnitOutcome &Out)
          : K(K), Linked(Linked), Out(Out) {}
      std::unique_ptr<clang::ASTConsumer>
      CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
        return std::make_unique<AnalysisConsumer>(K, Linked, Out);
      }

    private:
      const Knowledge &K;
      const ProgramSummaries &Linked;
      UnitOutcome &Out;
    };
    return std::make_unique<Action>(K, Linked, Out);
  }

private:
  const Knowledge &K;
  const ProgramSummaries &Linked;
  UnitOutcome &Out;
};

int usage(llvm::StringRef Problem) {
  llvm::errs() << "policycheck: error: " << Problem << "\n"
               << "usage: policycheck [--policy FILE] -p BUILD_DIR [-j N] "
                  "[--format text|json|sarif|github] [--output FILE] "
                  "[--data-map FILE.md|FILE.json] [--summaries FILE] [FILES...]\n";
  return ExitUsageOrPolicyError;
}

/// Runs the analysis over one file with its own ClangTool, so that files can
/// run on several threads; the outcome replaces the file's previous one.
void checkFile(const clang::tooling::CompilationDatabase &Database,
               const std::string &File, const Knowledge &K,
               const ProgramSummaries &Linked, UnitOutcome &Out) {
  Out = UnitOutcome();
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
  AnalysisActionFactory Factory(K, Linked, Out);
  if (Tool.run(&Factory) != 0)
    Out.CompileFailed = true;
}

/// The summaries of the whole program, from each file's latest analysis, in
/// the order of the files (a function defined in several keeps the first).
ProgramSummaries linkSummaries(const std::vector<UnitOutcome> &Units) {
  ProgramSummaries Linked;
  for (const UnitOutcome &U : Units)
    Linked.merge(U.Exported);
  return Linked;
}

bool isCurrent(const UnitOutcome &U, const ProgramSummaries &Linked) {
  for (const auto &[Entry, Text] : U.Seen)
    if (entryText(Linked, Entry) != Text)
      return false;
  return true;
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
    else if (auto V = Value("--summaries"))
      Options.SummariesPath = *V;
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
  auto Report = [&](const std::string &File, unsigned Round, size_t Total) {
    unsigned N = ++Done;
    if (!Progress)
      return;
    std::lock_guard<std::mutex> Guard(ProgressLock);
    llvm::errs() << "\r\033[K";
    if (Round > 0)
      llvm::errs() << "linking, round " << Round << ": ";
    llvm::errs() << "[" << N << "/" << Total << "] " << llvm::sys::path::filename(File);
  };
  std::vector<UnitOutcome> Units(Files.size());
  auto RunRound = [&](const std::vector<size_t> &Which, unsigned Round,
                      const ProgramSummaries &Linked) {
    Done = 0;
    if (Options.Jobs == 1) {
      for (size_t I : Which) {
        checkFile(**Database, Files[I], K, Linked, Units[I]);
        Report(Files[I], Round, Which.size());
      }
      return;
    }
    llvm::ThreadPool Pool(llvm::hardware_concurrency(Options.Jobs));
    for (size_t I : Which)
      Pool.async([&, I] {
        checkFile(**Database, Files[I], K, Linked, Units[I]);
        Report(Files[I], Round, Which.size());
      });
    Pool.wait();
  };
  std::vector<size_t> Stale(Files.size());
  for (size_t I = 0; I < Files.size(); ++I)
    Stale[I] = I;
  ProgramSummaries Linked; // nothing is known of the program yet
  unsigned Round = 0;
  for (; !Stale.empty() && Round <= MaxRounds; ++Round) {
    RunRound(Stale, Round, Linked);
    Linked = linkSummaries(Units);
    Stale.clear();
    for (size_t I = 0; I < Units.size(); ++I)
      if (!isCurrent(Units[I], Linked))
        Stale.push_back(I);
  }
  if (Progress)
    llvm::errs() << "\r\033[K";
  if (!Stale.empty())
    llvm::errs() << "policycheck: warning: the summaries of " << Stale.size()
                 << " translation unit(s) still changed after " << MaxRounds
                 << " linking rounds; their findings may miss flows through "
                    "the longest call chains\n";

  std::vector<FindingRecord> Records;
  std::vector<FlowRecord> Flows;
  std::vector<std::string> Errors;
  bool CompileFailed = false;
  for (UnitOutcome &U : Units) {
    Records.insert(Records.end(), U.Findings.begin(), U.Findings.end());
    Flows.insert(Flows.end(), U.Flows.begin(), U.Flows.end());
    Errors.insert(Errors.end(), U.Errors.begin(), U.Errors.end());
    CompileFailed |= U.CompileFailed;
  }
  normalizeRecords(Records);
  std::sort(Errors.begin(), Errors.end());
  Errors.erase(std::unique(Errors.begin(), Errors.end()), Errors.end());
  for (const std::string &Error : Errors)
    llvm::errs() << Error << "\n";

  std::error_code EC;
  if (!Options.SummariesPath.empty()) {
    llvm::raw_fd_ostream Out(Options.SummariesPath, EC);
    if (EC)
      return usage("cannot write " + Options.SummariesPath + ": " + EC.message());
    writeSummaries(Linked, Out);
  }

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
      printDataMapJson(Flows, K.ThePolicy->service(), Map);
    else
      printDataMapMarkdown(Flows, K.ThePolicy->service(), Map);
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
