//===--- FindingRecord.h - Findings as plain text positions -----*- C++ -*-===//
//
// A Finding points into one translation unit's SourceManager; a record holds
// resolved file names, lines and columns, so that the tool can merge, sort
// and print findings from many translation units (a header's findings once).
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_FINDINGRECORD_H
#define POLICYCHECK_FINDINGRECORD_H

#include "policycheck/Finding.h"
#include "policycheck/PositionRecord.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace policycheck {

struct NoteRecord {
  PositionRecord Position; // File empty: a note without a place
  std::string Message;
  NoteKind Kind = NoteKind::Step;
};

/// `origin`, `step`, `policy`, as JSON and the facts name them.
llvm::StringRef noteKindName(NoteKind K);
std::optional<NoteKind> parseNoteKind(llvm::StringRef Name);

struct FindingRecord {
  CheckKind Check = CheckKind::UndeclaredCategory;
  PositionRecord Position;
  std::string Message;
  std::vector<NoteRecord> Notes;
  std::string Category;
  std::string Destination;
  std::string Function;
  /// What identifies the finding across edits elsewhere (contract section
  /// 7): the check, category, destination, enclosing function and the sink
  /// line's text without its spaces, hashed; never a line number. Two
  /// findings alike in all of that get `:2`, `:3`, ... in order.
  std::string Fingerprint;
  /// GitHub code scanning's primaryLocationLineHash of the finding's line
  /// (LineHash.h), for SARIF uploaded through the API.
  std::string LineHash;

  bool operator<(const FindingRecord &O) const;
};

FindingRecord toRecord(const Finding &F, const clang::SourceManager &SM);
/// The records of a translation unit's findings (each file hashed once).
std::vector<FindingRecord> toRecords(const std::vector<Finding> &Findings,
                                     const clang::SourceManager &SM);

/// The fingerprint of a finding, before two alike are told apart.
std::string fingerprintOf(const FindingRecord &R, llvm::StringRef LineText);

/// Sorts, removes duplicates (a header's finding seen from two sources) and
/// tells apart fingerprints that are alike.
void normalizeRecords(std::vector<FindingRecord> &Records);

/// Clang-style text: `file:line:col: warning: message [check]` and its notes.
void printText(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS);
/// One JSON document: {"findings": [...]}, with \p Extra's members beside.
void printJson(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS,
               llvm::json::Object Extra = {});

} // namespace policycheck

#endif
