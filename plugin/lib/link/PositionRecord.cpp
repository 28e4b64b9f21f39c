//===--- PositionRecord.cpp - Places that cross translation units ---------===//
#include "policycheck/PositionRecord.h"

#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace policycheck {

PositionRecord positionOf(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  PositionRecord P;
  if (Loc.isInvalid())
    return P;
  clang::PresumedLoc Presumed = SM.getPresumedLoc(SM.getExpansionLoc(Loc));
  if (Presumed.isInvalid())
    return P;
  P.File = Presumed.getFilename();
  P.Line = Presumed.getLine();
  P.Column = Presumed.getColumn();
  return P;
}

PositionRecord absolutePositionOf(const clang::SourceManager &SM,
                                  clang::SourceLocation Loc) {
  PositionRecord P = positionOf(SM, Loc);
  if (!P.valid() || llvm::sys::path::is_absolute(P.File))
    return P;
  // Relative to the folder the compiler ran in, which the tool's threads
  // and the build each set through the file system they compile with.
  llvm::SmallString<256> Path(P.File);
  if (!SM.getFileManager().getVirtualFileSystem().makeAbsolute(Path)) {
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    P.File = std::string(Path);
  }
  return P;
}

clang::SourceLocation locationOf(clang::SourceManager &SM, const PositionRecord &P) {
  if (!P.valid())
    return {};
  auto File = SM.getFileManager().getFile(P.File);
  if (!File)
    return {};
  clang::FileID ID = SM.getOrCreateFileID(*File, clang::SrcMgr::C_User);
  return SM.translateLineCol(ID, P.Line, P.Column);
}

} // namespace policycheck
