//===--- Category.h - Dotted, hierarchical category keys --------*- C++ -*-===//
//
// A category key such as `user.contact.email` names a kind of personal data.
// Keys are hierarchical: a key covers itself and every key below it, so a
// policy that declares `user.contact` declares `user.contact.email` too.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_CATEGORY_H
#define POLICYCHECK_CATEGORY_H

#include "llvm/ADT/StringRef.h"

namespace policycheck {

/// True when \p Key is a well-formed category key: dot-separated lower-case
/// words under the root `user` or `system`.
bool isValidCategoryKey(llvm::StringRef Key);

/// True when \p Parent is \p Child or one of its ancestors
/// (`user.contact` covers `user.contact.email`, not `user.contactless`).
bool categoryCovers(llvm::StringRef Parent, llvm::StringRef Child);

/// The key one level up (`user.contact` for `user.contact.email`); empty for a
/// root key.
llvm::StringRef parentCategory(llvm::StringRef Key);

} // namespace policycheck

#endif
