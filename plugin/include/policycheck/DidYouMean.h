//===--- DidYouMean.h - Suggestions for misspelt names ----------*- C++ -*-===//
#ifndef POLICYCHECK_DIDYOUMEAN_H
#define POLICYCHECK_DIDYOUMEAN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace policycheck {

/// The candidate nearest to \p Word by edit distance, when it is near enough
/// to be a plausible typo (a third of the word's length, at least 2); empty
/// otherwise. Ties go to the earlier candidate, so results are deterministic.
std::string closestMatch(llvm::StringRef Word,
                         llvm::ArrayRef<llvm::StringRef> Candidates);

/// `; did you mean 'X'?` for a suggestion, or nothing.
std::string didYouMeanSuffix(llvm::StringRef Word,
                             llvm::ArrayRef<llvm::StringRef> Candidates);

} // namespace policycheck

#endif
