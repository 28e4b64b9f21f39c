//===--- FindingRecord.cpp - Findings as plain text positions -------------===//
#include "policycheck/FindingRecord.h"
#include "policycheck/LineHash.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>
#include <map>

namespace policycheck {

/// The text of the line \p Loc is on (its expansion's, for a macro).
static llvm::StringRef lineText(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return "";
  Loc = SM.getExpansionLoc(Loc);
  bool Invalid = false;
  llvm::StringRef Buffer = SM.getBufferData(SM.getFileID(Loc), &Invalid);
  if (Invalid)
    return "";
  unsigned Offset = SM.getFileOffset(Loc);
  size_t Begin = Buffer.rfind('\n', Offset);
  Begin = Begin == llvm::StringRef::npos ? 0 : Begin + 1;
  size_t End = Buffer.find('\n', Offset);
  return Buffer.slice(Begin, End == llvm::StringRef::npos ? Buffer.size() : End);
}

/// Each file's line hashes, computed once for all the findings in it.
using LineHashCache = std::map<clang::FileID, std::vector<std::string>>;

/// GitHub's hash of the line \p Loc is on, from the file as the compiler
/// read it.
static std::string lineHashOf(const clang::SourceManager &SM, clang::SourceLocation Loc,
                              LineHashCache &Cache) {
  if (Loc.isInvalid())
    return "";
  Loc = SM.getExpansionLoc(Loc);
  unsigned Line = SM.getExpansionLineNumber(Loc);
  auto [It, First] = Cache.try_emplace(SM.getFileID(Loc));
  if (First) {
    bool Invalid = false;
    llvm::StringRef Buffer = SM.getBufferData(It->first, &Invalid);
    if (!Invalid)
      It->second = lineHashes(Buffer);
  }
  return Line >= 1 && Line <= It->second.size() ? It->second[Line - 1] : std::string();
}

std::string fingerprintOf(const FindingRecord &R, llvm::StringRef LineText) {
  // Spaces normalised away: reindenting or rewrapping a call's arguments on
  // its line keeps the fingerprint.
  std::string Line;
  for (char C : LineText)
    if (!llvm::isSpace(C))
      Line += C;
  std::string Key = checkInfo(R.Check).Name.str() + '\0' + R.Category + '\0' +
                    R.Destination + '\0' + R.Function + '\0' + Line;
  std::string Out;
  llvm::raw_string_ostream(Out) << llvm::format_hex_no_prefix(llvm::xxHash64(Key), 16);
  return Out;
}

llvm::StringRef noteKindName(NoteKind K) {
  switch (K) {
  case NoteKind::Origin:
    return "origin";
  case NoteKind::Policy:
    return "policy";
  case NoteKind::Step:
    break;
  }
  return "step";
}

std::optional<NoteKind> parseNoteKind(llvm::StringRef Name) {
  for (NoteKind K : {NoteKind::Origin, NoteKind::Step, NoteKind::Policy})
    if (noteKindName(K) == Name)
      return K;
  return std::nullopt;
}

static FindingRecord toRecord(const Finding &F, const clang::SourceManager &SM,
                              LineHashCache &Hashes) {
  FindingRecord R;
  R.Check = F.Check;
  R.Position = positionOf(SM, F.Location);
  R.Message = F.Message;
  R.Category = F.Category;
  R.Destination = F.Destination;
  R.Function = F.Function;
  R.Fingerprint = fingerprintOf(R, lineText(SM, F.Location));
  R.LineHash = lineHashOf(SM, F.Location, Hashes);
  for (const FindingNote &N : F.Notes) {
    NoteRecord Note;
    Note.Message = N.Message;
    Note.Kind = N.Kind;
    if (N.CodeLocation.isValid())
      Note.Position = positionOf(SM, N.CodeLocation);
    else if (N.CodeElsewhere.valid())
      Note.Position = N.CodeElsewhere;
    else if (N.PolicyLine.isValid())
      Note.Position = {N.PolicyLine.File, N.PolicyLine.Line, N.PolicyLine.Column};
    R.Notes.push_back(std::move(Note));
  }
  return R;
}

FindingRecord toRecord(const Finding &F, const clang::SourceManager &SM) {
  LineHashCache Hashes;
  return toRecord(F, SM, Hashes);
}

std::vector<FindingRecord> toRecords(const std::vector<Finding> &Findings,
                                     const clang::SourceManager &SM) {
  LineHashCache Hashes;
  std::vector<FindingRecord> Out;
  for (const Finding &F : Findings)
    Out.push_back(toRecord(F, SM, Hashes));
  return Out;
}

bool FindingRecord::operator<(const FindingRecord &O) const {
  return std::tie(Position, Check, Category, Message) <
         std::tie(O.Position, O.Check, O.Category, O.Message);
}

void normalizeRecords(std::vector<FindingRecord> &Records) {
  std::sort(Records.begin(), Records.end());
  Records.erase(std::unique(Records.begin(), Records.end(),
                            [](const FindingRecord &A, const FindingRecord &B) {
                              return A.Position == B.Position &&
                                     A.Check == B.Check &&
                                     A.Category == B.Category &&
                                     A.Message == B.Message;
                            }),
                Records.end());
  // Alike findings (two calls on one line, one line repeated in a
  // function) are numbered in the order of their places.
  std::map<std::string, unsigned> Seen;
  for (FindingRecord &R : Records) {
    std::string Base = R.Fingerprint.substr(0, R.Fingerprint.find(':'));
    unsigned N = ++Seen[Base];
    R.Fingerprint = Base + (N > 1 ? ":" + std::to_string(N) : "");
  }
}

static void printPosition(const PositionRecord &P, llvm::raw_ostream &OS) {
  OS << P.File << ":" << P.Line << ":" << P.Column << ": ";
}

void printText(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS) {
  for (const FindingRecord &R : Records) {
    printPosition(R.Position, OS);
    OS << "warning: " << R.Message << " [" << checkInfo(R.Check).Name << "]\n";
    for (const NoteRecord &N : R.Notes) {
      if (!N.Position.File.empty())
        printPosition(N.Position, OS);
      OS << "note: " << N.Message << "\n";
    }
  }
}

static llvm::json::Object positionJson(const PositionRecord &P) {
  return llvm::json::Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

void printJson(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS,
               llvm::json::Object Extra) {
  llvm::json::Array Findings;
  for (const FindingRecord &R : Records) {
    llvm::json::Array Notes;
    for (const NoteRecord &N : R.Notes) {
      llvm::json::Object Note{{"message", N.Message}, {"kind", noteKindName(N.Kind)}};
      if (!N.Position.File.empty())
        Note["location"] = positionJson(N.Position);
      Notes.push_back(std::move(Note));
    }
    Findings.push_back(llvm::json::Object{
        {"check", checkInfo(R.Check).Name},
        {"location", positionJson(R.Position)},
        {"message", R.Message},
        {"category", R.Category},
        {"destination", R.Destination},
        {"function", R.Function},
        {"fingerprint", R.Fingerprint},
        {"notes", std::move(Notes)}});
  }
  Extra["findings"] = std::move(Findings);
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Extra))) << "\n";
}

} // namespace policycheck
