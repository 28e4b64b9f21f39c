//===--- Checks.h - The checks, from the one registry -----------*- C++ -*-===//
#ifndef POLICYCHECK_CHECKS_H
#define POLICYCHECK_CHECKS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace policycheck {

enum class CheckKind {
#define CHECK(Id, Name, Summary) Id,
#include "policycheck/Checks.def"
};

struct CheckInfo {
  CheckKind Kind;
  llvm::StringLiteral Name;
  llvm::StringLiteral Summary;
};

/// Every check, in the order of Checks.def.
llvm::ArrayRef<CheckInfo> allChecks();
const CheckInfo &checkInfo(CheckKind Kind);
std::optional<CheckKind> parseCheckName(llvm::StringRef Name);

} // namespace policycheck

#endif
