//===--- Main.cpp - The policycheck command -------------------------------===//
//
// policycheck holds C++ code to its privacy policy. This front-end dispatches
// to sub-commands; each lives in its own file.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"

#include "policycheck/Version.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

using namespace policycheck::tool;

static void printUsage(llvm::raw_ostream &OS) {
  OS << "usage: policycheck [--policy FILE] -p BUILD_DIR [-j N]\n"
        "                   [--format text|json|sarif|github] [--output FILE]\n"
        "                   [--data-map FILE.md|FILE.json] [FILES...]\n"
        "       policycheck <command> [arguments]\n"
        "\n"
        "Holds C++ code to its privacy policy: checks the files of BUILD_DIR's\n"
        "compile_commands.json (or those named) against the policy (default: the\n"
        "privacy-policy.yaml beside the sources or in a parent folder). Exit\n"
        "status: 0 clean, 1 findings, 2 usage or policy error.\n"
        "\n"
        "commands:\n"
        "  validate POLICY.yaml...  check policy files; print each error with\n"
        "                           its file, line and column (exit 2 on error)\n"
        "  explain POLICY.yaml      print the policy model in plain words\n"
        "  link FACTS_DIR...        report the whole program from the facts the\n"
        "                           build wrote (plugin argument facts=DIR)\n"
        "\n"
        "options:\n"
        "  -j N                     check N translation units at a time\n"
        "  --format F               text (clang-style), json, sarif (2.1.0, for\n"
        "                           code scanning) or github (annotations)\n"
        "  --output FILE            write the findings there\n"
        "  --data-map FILE          every flow by category and destination, as\n"
        "                           Markdown (.md) or JSON (.json)\n"
        "  --summaries FILE         write the program's linked summaries, for the\n"
        "                           plugin's summaries= and clang-tidy's SummariesFile\n"
        "  --write-baseline FILE    record every finding in FILE (sorted JSON, by\n"
        "                           fingerprint; commit it)\n"
        "  --baseline FILE          report only the findings not in FILE; list its\n"
        "                           entries no finding matches any more\n"
        "  --diff-base REF          report only findings whose path (sink, sources,\n"
        "                           steps) touches a line changed since REF (git)\n"
        "  --changed-lines DIFF     the same for a unified diff (- for stdin)\n"
        "  --shard K/N              check only the K-th of N shares of the files\n"
        "                           (a CI matrix; join the shares' --facts with link)\n"
        "  --facts DIR              write each checked file's facts into DIR, as the\n"
        "                           plugin's facts= does, for policycheck link\n"
        "  --linked FILE            take what the files call in files not checked\n"
        "                           from FILE (written by link --summaries)\n"
        "  --no-cache               parse every file (default: reuse BUILD_DIR/\n"
        "                           .policycheck-cache for files that did not change)\n"
        "  --verbose                say which files are parsed, round by round\n"
        "  --help                   show this help\n"
        "  --version                show the version\n";
}

int main(int argc, const char **argv) {
  llvm::InitLLVM Init(argc, argv);
  llvm::SmallVector<llvm::StringRef, 8> Args(argv + 1, argv + argc);
  if (Args.empty()) {
    printUsage(llvm::errs());
    return ExitUsageOrPolicyError;
  }
  llvm::StringRef Command = Args.front();
  llvm::ArrayRef<llvm::StringRef> Rest = llvm::makeArrayRef(Args).drop_front();
  if (Command == "--help" || Command == "-h" || Command == "help") {
    printUsage(llvm::outs());
    return ExitClean;
  }
  if (Command == "--version") {
    llvm::outs() << "policycheck " << policycheck::Version << "\n";
    return ExitClean;
  }
  if (Command == "validate")
    return runValidate(Rest);
  if (Command == "explain")
    return runExplain(Rest);
  if (Command == "link")
    return runLink(Rest);
  if (Command.startswith("-"))
    return runCheck(Args);
  llvm::errs() << "policycheck: unknown command '" << Command << "'\n\n";
  printUsage(llvm::errs());
  return ExitUsageOrPolicyError;
}
