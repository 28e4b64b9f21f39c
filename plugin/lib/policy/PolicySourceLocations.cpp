//===--- PolicySourceLocations.cpp - Policy lines as Clang locations ------===//
#include "policycheck/PolicySourceLocations.h"

#include "clang/Basic/FileManager.h"

namespace policycheck {

clang::SourceLocation PolicySourceLocations::get(const PolicyLocation &Where) {
  if (!Where.isValid())
    return clang::SourceLocation();
  auto It = Files.find(Where.File);
  if (It == Files.end()) {
    clang::FileID ID;
    if (auto Entry = SM.getFileManager().getFile(Where.File))
      ID = SM.createFileID(*Entry, clang::SourceLocation(), clang::SrcMgr::C_User);
    It = Files.emplace(Where.File, ID).first;
  }
  if (It->second.isInvalid())
    return clang::SourceLocation();
  return SM.translateLineCol(It->second, Where.Line, Where.Column);
}

} // namespace policycheck
