//===--- DidYouMean.cpp - Suggestions for misspelt names ------------------===//
#include "policycheck/DidYouMean.h"

#include "policycheck/Category.h"

#include <algorithm>
#include <vector>

namespace policycheck {

unsigned typoDistance(llvm::StringRef A, llvm::StringRef B) {
  // Optimal string alignment: Levenshtein plus adjacent transpositions, so
  // that `emial` is one slip from `email`, as a person would count it.
  std::string X = A.lower(), Y = B.lower();
  std::vector<std::vector<unsigned>> D(X.size() + 1,
                                       std::vector<unsigned>(Y.size() + 1));
  for (size_t I = 0; I <= X.size(); ++I)
    D[I][0] = I;
  for (size_t J = 0; J <= Y.size(); ++J)
    D[0][J] = J;
  for (size_t I = 1; I <= X.size(); ++I)
    for (size_t J = 1; J <= Y.size(); ++J) {
      unsigned Cost = X[I - 1] == Y[J - 1] ? 0 : 1;
      D[I][J] = std::min({D[I - 1][J] + 1, D[I][J - 1] + 1, D[I - 1][J - 1] + Cost});
      if (I > 1 && J > 1 && X[I - 1] == Y[J - 2] && X[I - 2] == Y[J - 1])
        D[I][J] = std::min(D[I][J], D[I - 2][J - 2] + 1);
    }
  return D[X.size()][Y.size()];
}

std::string closestMatch(llvm::StringRef Word,
                         llvm::ArrayRef<llvm::StringRef> Candidates) {
  unsigned Limit = std::max<unsigned>(2, Word.size() / 3);
  unsigned Best = Limit + 1;
  llvm::StringRef BestCandidate;
  for (llvm::StringRef Candidate : Candidates) {
    unsigned Distance = typoDistance(Word, Candidate);
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

static llvm::StringRef lastSegment(llvm::StringRef Key) {
  size_t Dot = Key.rfind('.');
  return Dot == llvm::StringRef::npos ? Key : Key.drop_front(Dot + 1);
}

std::string suggestCategory(llvm::StringRef Key,
                            llvm::ArrayRef<llvm::StringRef> Known) {
  llvm::StringRef Parent = parentCategory(Key), Last = lastSegment(Key);
  // The same word under another parent: `user.ip_address`.
  std::string Best;
  for (llvm::StringRef Candidate : Known)
    if (Candidate != Key && lastSegment(Candidate) == Last &&
        (Best.empty() || Candidate.size() < Best.size()))
      Best = Candidate.str();
  if (!Best.empty())
    return Best;
  // A shortened word under the same parent: `user.device.ip`.
  for (llvm::StringRef Candidate : Known)
    if (parentCategory(Candidate) == Parent &&
        lastSegment(Candidate).startswith((Last.str() + "_")))
      return Candidate.str();
  return closestMatch(Key, Known);
}

std::string siblingTypo(llvm::StringRef Key,
                        llvm::ArrayRef<llvm::StringRef> Known) {
  llvm::StringRef Parent = parentCategory(Key), Last = lastSegment(Key);
  if (Last.size() < 4)
    return std::string();
  unsigned Limit = Last.size() <= 6 ? 1 : 2;
  for (llvm::StringRef Candidate : Known)
    if (parentCategory(Candidate) == Parent &&
        typoDistance(Last, lastSegment(Candidate)) <= Limit)
      return Candidate.str();
  return std::string();
}

} // namespace policycheck
