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

/// Edits between two words (insertions, deletions, substitutions and
/// swaps of adjacent letters), ignoring case.
unsigned typoDistance(llvm::StringRef A, llvm::StringRef B);

/// The category key a misspelt or misplaced \p Key most likely meant: the
/// same last word under another parent (`user.ip_address`), a longer word
/// under the same parent (`user.device.ip`), or the nearest key.
std::string suggestCategory(llvm::StringRef Key,
                            llvm::ArrayRef<llvm::StringRef> Known);

/// A known sibling of \p Key whose last word is a slip of \p Key's own
/// (`user.contact.emial`), or empty. New words such as `user.content.audio`
/// are not slips of `user.content.public`.
std::string siblingTypo(llvm::StringRef Key, llvm::ArrayRef<llvm::StringRef> Known);

/// `; did you mean 'X'?` for a suggestion, or nothing.
std::string didYouMeanSuffix(llvm::StringRef Word,
                             llvm::ArrayRef<llvm::StringRef> Candidates);

} // namespace policycheck

#endif
