//===--- Checks.cpp - The checks, from the one registry -------------------===//
#include "policycheck/Checks.h"

namespace policycheck {

static const CheckInfo Checks[] = {
#define CHECK(Id, Name, Summary) {CheckKind::Id, Name, Summary},
#include "policycheck/Checks.def"
};

llvm::ArrayRef<CheckInfo> allChecks() { return Checks; }

const CheckInfo &checkInfo(CheckKind Kind) {
  return Checks[static_cast<size_t>(Kind)];
}

std::optional<CheckKind> parseCheckName(llvm::StringRef Name) {
  for (const CheckInfo &Info : Checks)
    if (Info.Name == Name)
      return Info.Kind;
  return std::nullopt;
}

} // namespace policycheck
