//===--- ChangedLines.cpp - The lines a change touches --------------------===//
#include "ChangedLines.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace policycheck::tool {

namespace {

std::string absolute(llvm::StringRef Root, llvm::StringRef Path) {
  llvm::SmallString<256> Out(Path);
  if (!llvm::sys::path::is_absolute(Out)) {
    Out = Root;
    llvm::sys::path::append(Out, Path);
  }
  llvm::sys::path::remove_dots(Out, /*remove_dot_dot=*/true);
  return std::string(Out);
}

/// `@@ -A,B +C,D @@`: C, the new side's first line.
bool hunkStart(llvm::StringRef Line, unsigned &Start) {
  if (!Line.consume_front("@@ -"))
    return false;
  size_t Plus = Line.find(" +");
  if (Plus == llvm::StringRef::npos)
    return false;
  llvm::StringRef New = Line.drop_front(Plus + 2).take_until([](char C) {
    return C == ',' || C == ' ';
  });
  return !New.getAsInteger(10, Start);
}

/// Runs a program, its standard output into \p Out; the error says what
/// failed.
llvm::Error runProgram(llvm::ArrayRef<llvm::StringRef> Args, std::string &Out) {
  auto Program = llvm::sys::findProgramByName(Args.front());
  if (!Program)
    return llvm::createStringError(Program.getError(),
                                   "cannot run " + Args.front() + ": not found");
  llvm::SmallString<128> Output, Errors;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("policycheck-git", "out", FD, Output))
    return llvm::createStringError(EC, "cannot create a temporary file");
  llvm::sys::fs::closeFile(FD);
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("policycheck-git", "err", FD, Errors))
    return llvm::createStringError(EC, "cannot create a temporary file");
  llvm::sys::fs::closeFile(FD);
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::None, llvm::StringRef(Output),
                                                 llvm::StringRef(Errors)};
  int Status = llvm::sys::ExecuteAndWait(*Program, Args, llvm::None, Redirects);
  auto Read = [](llvm::StringRef Path) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  Out = Read(Output);
  std::string Message = Read(Errors);
  llvm::sys::fs::remove(Output);
  llvm::sys::fs::remove(Errors);
  if (Status != 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   llvm::join(Args, " ") + " failed: " +
                                       llvm::StringRef(Message).trim());
  return llvm::Error::success();
}

/// The root of the git work tree of the current folder, or the folder.
std::string workTreeRoot() {
  std::string Out;
  if (llvm::Error E = runProgram({"git", "rev-parse", "--show-toplevel"}, Out)) {
    llvm::consumeError(std::move(E));
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    return std::string(Cwd);
  }
  return llvm::StringRef(Out).trim().str();
}

} // namespace

bool ChangedLines::touches(const PositionRecord &P) const {
  if (P.File.empty())
    return false;
  for (const auto &[File, Changed] : Lines) {
    llvm::StringRef F = File;
    // A finding's file as the compiler named it: absolute, or relative to
    // its compile's folder (then matched as the end of the path).
    bool Same = llvm::sys::path::is_absolute(P.File)
                    ? F == absolute("/", P.File)
                    : F.endswith("/" + llvm::sys::path::convert_to_slash(P.File));
    if (Same && Changed.count(P.Line))
      return true;
  }
  return false;
}

bool ChangedLines::touches(const FindingRecord &R) const {
  if (touches(R.Position))
    return true;
  for (const NoteRecord &N : R.Notes)
    if (touches(N.Position))
      return true;
  return false;
}

llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef Root,
                                              llvm::StringRef Name) {
  ChangedLines Out;
  std::set<unsigned> *File = nullptr;
  unsigned Line = 0, Number = 0;
  bool InHunk = false;
  while (!Diff.empty()) {
    llvm::StringRef Text;
    std::tie(Text, Diff) = Diff.split('\n');
    Text.consume_back("\r");
    ++Number;
    if (Text.startswith("+++ ")) {
      llvm::StringRef Path = Text.drop_front(4).split('\t').first;
      InHunk = false;
      if (Path == "/dev/null") { // a file deleted: no line of it is left
        File = nullptr;
        continue;
      }
      Path.consume_front("b/");
      File = &Out.Lines[absolute(Root, Path)];
      continue;
    }
    if (Text.startswith("--- ") && !InHunk)
      continue;
    if (Text.startswith("@@")) {
      if (!File || !hunkStart(Text, Line))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       Name + ":" + llvm::Twine(Number) +
                                           ": expected a unified diff's hunk header "
                                           "(@@ -A,B +C,D @@) after its +++ line");
      InHunk = true;
      continue;
    }
    if (!InHunk || !File)
      continue; // `diff --git`, `index`, mode lines
    if (Text.startswith("+")) {
      File->insert(Line++);
    } else if (Text.startswith("-")) {
      File->insert(Line); // removed before this line: it is touched
    } else if (Text.startswith(" ") || Text.empty()) {
      ++Line;
    } else if (!Text.startswith("\\")) { // `\ No newline at end of file`
      InHunk = false;
    }
  }
  return Out;
}

llvm::Expected<ChangedLines> changedSince(llvm::StringRef Ref) {
  std::string Diff;
  if (llvm::Error E = runProgram({"git", "diff", "--no-color", "--no-ext-diff",
                                  "--unified=0", Ref},
                                 Diff))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--diff-base " + Ref + ": " + llvm::toString(std::move(E)));
  return parseUnifiedDiff(Diff, workTreeRoot(), "git diff " + Ref.str());
}

llvm::Expected<ChangedLines> readChangedLines(llvm::StringRef Path) {
  auto Buffer = Path == "-" ? llvm::MemoryBuffer::getSTDIN() : llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read the diff " + Path + ": " +
                                                          Buffer.getError().message());
  return parseUnifiedDiff((*Buffer)->getBuffer(), workTreeRoot(),
                          Path == "-" ? llvm::StringRef("<stdin>") : Path);
}

} // namespace policycheck::tool
