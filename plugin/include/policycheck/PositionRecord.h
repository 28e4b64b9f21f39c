//===--- PositionRecord.h - A place in the code as plain text ---*- C++ -*-===//
//
// A clang::SourceLocation means something only inside the translation unit
// that made it. What crosses translation units (the summaries of functions
// defined elsewhere, the notes of a finding that point into another file)
// carries its place as a file, a line and a column instead.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_POSITIONRECORD_H
#define POLICYCHECK_POSITIONRECORD_H

#include "clang/Basic/SourceLocation.h"

#include <string>
#include <tuple>

namespace clang {
class SourceManager;
}

namespace policycheck {

struct PositionRecord {
  std::string File; // empty: no place
  unsigned Line = 0;
  unsigned Column = 0;

  bool valid() const { return !File.empty(); }
  bool operator<(const PositionRecord &O) const {
    return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
  }
  bool operator==(const PositionRecord &O) const {
    return File == O.File && Line == O.Line && Column == O.Column;
  }
};

/// Where a location is spelled for a reader: its macro expansion's place,
/// with the file name as the compiler was given it.
PositionRecord positionOf(const clang::SourceManager &SM, clang::SourceLocation Loc);

/// The same, with the file name made absolute, so that it means the same
/// file to every translation unit whatever folder it was compiled in.
PositionRecord absolutePositionOf(const clang::SourceManager &SM,
                                  clang::SourceLocation Loc);

/// A position as a location of this translation unit, loading the file into
/// the source manager if it is not part of it yet (a note in another file);
/// invalid when the file cannot be read.
clang::SourceLocation locationOf(clang::SourceManager &SM, const PositionRecord &P);

} // namespace policycheck

#endif
