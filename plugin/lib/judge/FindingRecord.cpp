//===--- FindingRecord.cpp - Findings as plain text positions -------------===//
#include "policycheck/FindingRecord.h"

#include "llvm/Support/JSON.h"

#include <algorithm>

namespace policycheck {

FindingRecord toRecord(const Finding &F, const clang::SourceManager &SM) {
  FindingRecord R;
  R.Check = F.Check;
  R.Position = positionOf(SM, F.Location);
  R.Message = F.Message;
  R.Category = F.Category;
  R.Destination = F.Destination;
  for (const FindingNote &N : F.Notes) {
    NoteRecord Note;
    Note.Message = N.Message;
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

void printJson(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS) {
  llvm::json::Array Findings;
  for (const FindingRecord &R : Records) {
    llvm::json::Array Notes;
    for (const NoteRecord &N : R.Notes) {
      llvm::json::Object Note{{"message", N.Message}};
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
        {"notes", std::move(Notes)}});
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"findings", std::move(Findings)}}))
     << "\n";
}

} // namespace policycheck
