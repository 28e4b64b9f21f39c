//===--- Category.cpp - Dotted, hierarchical category keys ----------------===//
#include "policycheck/Category.h"

#include "policycheck/CharClass.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

bool isValidCategoryKey(llvm::StringRef Key) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Key.split(Parts, '.', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  if (Parts.front() != "user" && Parts.front() != "system")
    return false;
  for (llvm::StringRef Part : Parts) {
    if (Part.empty())
      return false;
    for (char C : Part)
      if (!(isAsciiLower(C) || llvm::isDigit(C) || C == '_'))
        return false;
  }
  return true;
}

bool categoryCovers(llvm::StringRef Parent, llvm::StringRef Child) {
  if (!Child.startswith(Parent))
    return false;
  return Child.size() == Parent.size() || Child[Parent.size()] == '.';
}

llvm::StringRef parentCategory(llvm::StringRef Key) {
  size_t Dot = Key.rfind('.');
  return Dot == llvm::StringRef::npos ? llvm::StringRef() : Key.take_front(Dot);
}

} // namespace policycheck
