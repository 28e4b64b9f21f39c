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
// Each file's outcome is cached in the build folder (UnitCache.h). A cached
// outcome stands while its inputs are unchanged and while no file it took
// summaries from was parsed afresh: those start afresh too, so that the
// fixed point reached is the one a run from scratch reaches, and the output
// is the same.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "CompilationDatabaseLoader.h"
#include "Report.h"
#include "UnitCache.h"

#include "policycheck/Analysis.h"
#include "policycheck/FactsFile.h"
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
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/xxhash.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <chrono>
#include <atomic>
#include <mutex>
#include <optional>
#include <set>

namespace policycheck::tool {

namespace {

struct CheckOptions {
  std::string PolicyPath;
  std::string BuildDir;
  ReportOptions Report;
  bool UseCache = true;
  bool Verbose = false;
  unsigned Jobs = 1;
  std::vector<std::string> Files;
  /// `--shard K/N`: the K-th of N shares of the files, K from 1.
  unsigned ShardIndex = 0, ShardCount = 0;
  /// `--facts DIR`: each checked file's facts, for `policycheck link`.
  std::string FactsDir;
  /// `--linked FILE`: the program's summaries from an earlier link, for
  /// what this run's files call in files it does not check.
  std::string LinkedPath;
};

/// `K/N` with 1 <= K <= N.
bool parseShard(llvm::StringRef Text, unsigned &K, unsigned &N) {
  auto [Index, Count] = Text.split('/');
  return !Index.getAsInteger(10, K) && !Count.getAsInteger(10, N) && K >= 1 && K <= N;
}

/// Rounds after the first, at most: a chain of calls across files longer
/// than this (or summaries that keep changing) is cut off, and said so.
constexpr unsigned MaxRounds = 8;

class AnalysisConsumer : public clang::ASTConsumer {
public:
  AnalysisConsumer(const Knowledge &K, const ProgramSummaries &Linked,
                   UnitFacts &Out)
      : K(K), Linked(Linked), Out(Out) {}

  void HandleTranslationUnit(clang::ASTContext &Context) override {
    if (Context.getDiagnostics().hasErrorOccurred())
      return; // code that does not compile is reported by the compiler
    AnalysisResult Result = analyzeTranslationUnit(Context, K, &Linked);
    Out.merge(unitFactsOf(Result, Context.getSourceManager(), K, &Linked));
  }

private:
  const Knowledge &K;
  const ProgramSummaries &Linked;
  UnitFacts &Out;
};

class AnalysisActionFactory : public clang::tooling::FrontendActionFactory {
public:
  AnalysisActionFactory(const Knowledge &K, const ProgramSummaries &Linked,
                        UnitFacts &Out)
      : K(K), Linked(Linked), Out(Out) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    class Action : public clang::ASTFrontendAction {
    public:
      Action(const Knowledge &K, const ProgramSummaries &Linked, UnitFacts &Out)
          : K(K), Linked(Linked), Out(Out) {}
      std::unique_ptr<clang::ASTConsumer>
      CreateASTConsumer(clang::CompilerInstance &, llvm::StringRef) override {
        return std::make_unique<AnalysisConsumer>(K, Linked, Out);
      }

    private:
      const Knowledge &K;
      const ProgramSummaries &Linked;
      UnitFacts &Out;
    };
    return std::make_unique<Action>(K, Linked, Out);
  }

private:
  const Knowledge &K;
  const ProgramSummaries &Linked;
  UnitFacts &Out;
};

int usage(llvm::StringRef Problem) {
  llvm::errs() << "policycheck: error: " << Problem << "\n"
               << "usage: policycheck [--policy FILE] -p BUILD_DIR [-j N] "
                  "[--format text|json|sarif|github] [--output FILE] "
                  "[--data-map FILE.md|FILE.json] [--summaries FILE] [--no-cache] "
                  "[--baseline FILE] [--write-baseline FILE] [--diff-base REF] "
                  "[--changed-lines DIFF] [--shard K/N] [--facts DIR] "
                  "[--linked FILE] [--verbose] [FILES...]\n";
  return ExitUsageOrPolicyError;
}

/// Runs the analysis over one file with its own ClangTool, so that files can
/// run on several threads; the outcome replaces the file's previous one.
void checkFile(const clang::tooling::CompilationDatabase &Database,
               const std::string &File, const Knowledge &K,
               const ProgramSummaries &Linked, UnitFacts &Out) {
  Out = UnitFacts();
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

/// What decides a file's outcome besides its contents: its compile commands.
std::string commandsText(const clang::tooling::CompilationDatabase &Database,
                         const std::string &File) {
  std::string Text;
  for (const clang::tooling::CompileCommand &C : Database.getCompileCommands(File)) {
    Text += C.Directory + '\n';
    for (const std::string &Arg : C.CommandLine)
      Text += Arg + '\0';
    Text += '\n';
  }
  return Text;
}

/// Whether an outcome looked up any of the entries \p Exports lists.
bool dependsOn(const UnitFacts &U, const std::set<std::string> &Exports) {
  for (const auto &Entry : U.Seen)
    if (Exports.count(Entry.first))
      return true;
  return false;
}

/// The entries of the program's summaries a unit's exports make, as the
/// units that look them up name them (`f:USR`, `o:USR`, `d:KEY`).
void addExports(const ProgramSummaries &S, std::set<std::string> &Into) {
  for (const auto &F : S.Functions)
    Into.insert("f:" + F.first);
  for (const auto &O : S.Overriders)
    Into.insert("o:" + O.first);
  for (const auto &W : S.Fields)
    Into.insert("d:" + W.first);
  // Not `c:`: whether a method is called feeds no summary back into the
  // file that calls it, so no stale fixed point can hang on it; the rounds
  // see a change to it as to any entry.
}

/// The program's summaries as the files checked give them, with what
/// \p Given (an earlier link's) says of the functions they do not define.
ProgramSummaries withGiven(ProgramSummaries Own, const ProgramSummaries &Given) {
  Own.merge(Given);
  return Own;
}

} // namespace

int runCheck(llvm::ArrayRef<llvm::StringRef> Args) {
  CheckOptions Options;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (takeReportOption(Args, I, Options.Report))
      continue;
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
    else if (auto V = Value("--facts"))
      Options.FactsDir = *V;
    else if (auto V = Value("--linked"))
      Options.LinkedPath = *V;
    else if (auto V = Value("--shard")) {
      if (!parseShard(*V, Options.ShardIndex, Options.ShardCount))
        return usage("--shard needs K/N with 1 <= K <= N (the K-th of N shares), not '" +
                     *V + "'");
    } else if (Arg == "--no-cache")
      Options.UseCache = false;
    else if (Arg == "--verbose")
      Options.Verbose = true;
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
  if (std::string Problem = checkReportOptions(Options.Report); !Problem.empty())
    return usage(Problem);

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
  if (Options.ShardCount) {
    // Every N-th file of the sorted list: each share the same on every
    // machine of a CI matrix, whatever order the database lists them in.
    llvm::sort(Files);
    std::vector<std::string> Share;
    for (size_t I = Options.ShardIndex - 1; I < Files.size(); I += Options.ShardCount)
      Share.push_back(Files[I]);
    Files = std::move(Share);
    if (Files.empty()) {
      llvm::errs() << "policycheck: share " << Options.ShardIndex << "/"
                   << Options.ShardCount << " has no files (the build has fewer)\n";
      return ExitClean;
    }
  }
  ProgramSummaries Given;
  if (!Options.LinkedPath.empty()) {
    auto Read = readSummariesFile(Options.LinkedPath);
    if (!Read) {
      llvm::errs() << "policycheck: error: " << llvm::toString(Read.takeError()) << "\n";
      return ExitUsageOrPolicyError;
    }
    Given = std::move(*Read);
    Given.readAll(); // once: every round merges it
  }

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
  std::vector<UnitFacts> Units(Files.size());
  std::vector<bool> Analysed(Files.size(), false);
  unsigned Parses = 0;
  auto RunRound = [&](const std::vector<size_t> &Which, unsigned Round,
                      const ProgramSummaries &Linked) {
    auto Start = std::chrono::steady_clock::now();
    auto Finish = llvm::make_scope_exit([&] {
      if (Options.Verbose)
        llvm::errs() << "policycheck: round " << Round << ": " << Which.size()
                     << " parse(s) in "
                     << llvm::format("%.2f", std::chrono::duration<double>(
                                                 std::chrono::steady_clock::now() - Start)
                                                 .count())
                     << " s\n";
    });
    Done = 0;
    Parses += Which.size();
    for (size_t I : Which) {
      Analysed[I] = true;
      if (Options.Verbose)
        llvm::errs() << "policycheck: round " << Round << ": parsing " << Files[I]
                     << "\n";
    }
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
  // The cache: what each file gave last time, and whether that still holds.
  std::optional<UnitCache> Cache;
  if (Options.UseCache) {
    llvm::SmallString<256> Folder(Options.BuildDir);
    llvm::sys::path::append(Folder, ".policycheck-cache");
    auto PolicyText = llvm::MemoryBuffer::getFile(Options.PolicyPath);
    Cache.emplace(std::string(Folder),
                  binaryIdentity() + "\npolicy " +
                      (PolicyText ? textHash((*PolicyText)->getBuffer())
                                  : std::string("?")));
  }
  std::vector<std::string> Commands(Files.size());
  std::vector<bool> FromCache(Files.size(), false);
  std::set<std::string> DirtyExports; // what files parsed afresh export, or did
  std::vector<size_t> Fresh;
  for (size_t I = 0; I < Files.size(); ++I) {
    Commands[I] = commandsText(**Database, Files[I]);
    std::optional<UnitCache::Entry> Entry;
    if (Cache)
      Entry = Cache->load(Files[I], Commands[I]);
    if (Entry && Entry->Current) {
      Units[I] = std::move(Entry->Outcome);
      FromCache[I] = true;
      continue;
    }
    if (Entry)
      addExports(Entry->Outcome.Exported, DirtyExports);
    Fresh.push_back(I);
  }
  // A cached outcome that took summaries from a file parsed afresh (however
  // indirectly) starts afresh too: summaries that fed each other across a
  // changed file must not keep each other alive.
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (size_t I = 0; I < Files.size(); ++I)
      if (FromCache[I] && dependsOn(Units[I], DirtyExports)) {
        FromCache[I] = false;
        addExports(Units[I].Exported, DirtyExports);
        Units[I] = UnitFacts();
        Fresh.push_back(I);
        Grew = true;
      }
  }
  llvm::sort(Fresh);
  // The first analysis of the fresh files knows the summaries of the files
  // that stand (none on a cold run): they depend on nothing that changed.
  ProgramSummaries Standing = withGiven(linkSummaries(Units), Given);
  unsigned Round = 0;
  if (!Fresh.empty())
    RunRound(Fresh, Round, Standing);
  ProgramSummaries Linked = withGiven(linkSummaries(Units), Given);
  std::vector<size_t> Stale;
  for (size_t I = 0; I < Units.size(); ++I)
    if (!Units[I].isCurrent(Linked))
      Stale.push_back(I);
  for (Round = 1; !Stale.empty() && Round <= MaxRounds; ++Round) {
    RunRound(Stale, Round, Linked);
    Linked = withGiven(linkSummaries(Units), Given);
    Stale.clear();
    for (size_t I = 0; I < Units.size(); ++I)
      if (!Units[I].isCurrent(Linked))
        Stale.push_back(I);
  }
  if (Progress)
    llvm::errs() << "\r\033[K";
  if (!Stale.empty())
    llvm::errs() << "policycheck: warning: the summaries of " << Stale.size()
                 << " translation unit(s) still changed after " << MaxRounds
                 << " linking rounds; their findings may miss flows through "
                    "the longest call chains\n";

  if (Cache) {
    bool Written = true;
    for (size_t I = 0; I < Files.size(); ++I)
      if (Analysed[I] && !Units[I].CompileFailed)
        Written &= Cache->store(Files[I], Commands[I], Units[I]);
    // A run over the whole build drops the entries of files gone from it.
    if (Written && Options.Files.empty() && !Options.ShardCount) {
      std::vector<std::pair<std::string, std::string>> Kept;
      for (size_t I = 0; I < Files.size(); ++I)
        Kept.emplace_back(Files[I], Commands[I]);
      Cache->prune(Kept);
    }
    if (!Written)
      llvm::errs() << "policycheck: warning: cannot write the cache in "
                   << Options.BuildDir << "/.policycheck-cache; the next run "
                   << "parses every file again\n";
  }
  if (Options.Verbose) {
    unsigned Cached = 0;
    for (size_t I = 0; I < Files.size(); ++I)
      Cached += !Analysed[I];
    llvm::errs() << "policycheck: " << Files.size() << " translation unit(s): "
                 << Cached << " from the cache, " << Files.size() - Cached
                 << " parsed (" << Parses << " parse(s) in "
                 << Round - 1 + (Parses > 0) << " round(s))\n";
  }

  if (!Options.FactsDir.empty()) {
    // The facts of each file checked, as the plugin's facts= writes them:
    // `policycheck link` joins the shares of a CI matrix.
    FactsFile Named; // the policy named once for every file
    namePolicy(Named, Options.PolicyPath);
    for (size_t I = 0; I < Files.size(); ++I) {
      if (Units[I].CompileFailed)
        continue;
      FactsFile F = Named;
      llvm::SmallString<256> Source(Files[I]);
      llvm::sys::fs::make_absolute(Source);
      F.Source = std::string(Source);
      F.Facts = Units[I];
      if (llvm::Error E = writeFactsFile(Options.FactsDir, "", F)) {
        llvm::errs() << "policycheck: error: " << llvm::toString(std::move(E)) << "\n";
        return ExitUsageOrPolicyError;
      }
    }
  }
  Options.Report.PolicyPath = Options.PolicyPath;
  return report(Options.Report, Units, Linked, *K.ThePolicy);
}

} // namespace policycheck::tool
