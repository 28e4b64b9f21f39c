//===--- Suppression.cpp - NOLINT comments --------------------------------===//
#include "policycheck/Suppression.h"

#include "policycheck/Policy.h"

#include "llvm/ADT/SmallVector.h"

namespace policycheck {

bool nolintCovers(llvm::StringRef Arguments, llvm::StringRef CheckName) {
  if (!Arguments.startswith("("))
    return true; // a bare NOLINT covers every check
  llvm::StringRef List = Arguments.drop_front().take_until([](char C) { return C == ')'; });
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  List.split(Globs, ',');
  for (llvm::StringRef Glob : Globs)
    if (matchesQualifiedNamePattern(Glob.trim(), CheckName))
      return true;
  return false;
}

/// Whether \p Line holds \p Marker (`NOLINT`, `NOLINTNEXTLINE`, ...) covering
/// the check. `NOLINT` must not be read inside `NOLINTNEXTLINE`.
static bool lineHas(llvm::StringRef Line, llvm::StringRef Marker,
                    llvm::StringRef CheckName) {
  size_t From = 0;
  while (true) {
    size_t At = Line.find(Marker, From);
    if (At == llvm::StringRef::npos)
      return false;
    llvm::StringRef After = Line.drop_front(At + Marker.size());
    From = At + Marker.size();
    if (!After.empty() && (llvm::isAlnum(After.front()) || After.front() == '_'))
      continue; // NOLINT inside NOLINTNEXTLINE, NOLINTBEGIN
    if (nolintCovers(After, CheckName))
      return true;
  }
}

bool isSuppressed(const clang::SourceManager &SM, clang::SourceLocation Loc,
                  llvm::StringRef CheckName) {
  Loc = SM.getExpansionLoc(Loc);
  if (Loc.isInvalid())
    return false;
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(Loc), &Invalid);
  if (Invalid)
    return false;
  unsigned Offset = SM.getFileOffset(Loc);
  size_t LineStart = Buffer.rfind('\n', Offset);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  size_t LineEnd = Buffer.find('\n', Offset);
  llvm::StringRef Line = Buffer.slice(LineStart, LineEnd);
  if (lineHas(Line, "NOLINT", CheckName))
    return true;
  if (LineStart > 0) {
    size_t PrevStart = Buffer.rfind('\n', LineStart - 1);
    PrevStart = PrevStart == llvm::StringRef::npos ? 0 : PrevStart + 1;
    if (lineHas(Buffer.slice(PrevStart, LineStart - 1), "NOLINTNEXTLINE", CheckName))
      return true;
  }
  // NOLINTBEGIN ... NOLINTEND blocks before this line.
  int Depth = 0;
  llvm::StringRef Before = Buffer.take_front(LineStart);
  llvm::SmallVector<llvm::StringRef, 256> Lines;
  Before.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    if (lineHas(L, "NOLINTBEGIN", CheckName))
      ++Depth;
    if (lineHas(L, "NOLINTEND", CheckName) && Depth > 0)
      --Depth;
  }
  return Depth > 0;
}

} // namespace policycheck
