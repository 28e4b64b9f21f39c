//===--- DidYouMean.cpp - Suggestions for misspelt names ------------------===//
#include "policycheck/DidYouMean.h"

#include <algorithm>

namespace policycheck {

std::string closestMatch(llvm::StringRef Word,
                         llvm::ArrayRef<llvm::StringRef> Candidates) {
  unsigned Limit = std::max<unsigned>(2, Word.size() / 3);
  unsigned Best = Limit + 1;
  llvm::StringRef BestCandidate;
  for (llvm::StringRef Candidate : Candidates) {
    unsigned Distance = Word.lower() == Candidate.lower()
                            ? 0
                            : Word.edit_distance(Candidate, true, Limit) ;
    if (Distance < Best) {
      Best = Distance;
      BestCandidate = Candidate;
    }
  }
  return Best <= Limit ? BestCandidate.str() : std::string();
}

std::string didYouMeanSuffix(llvm::StringRef Word,
                             llvm::ArrayRef<llvm::StringRef> Candidates) {
  std::string Match = closestMatch(Word, Candidates);
  if (Match.empty() || Match == Word)
    return std::string();
  return "; did you mean '" + Match + "'?";
}

} // namespace policycheck
