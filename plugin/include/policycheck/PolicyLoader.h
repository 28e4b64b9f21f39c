//===--- PolicyLoader.h - Reading privacy-policy.yaml -----------*- C++ -*-===//
#ifndef POLICYCHECK_POLICYLOADER_H
#define POLICYCHECK_POLICYLOADER_H

#include "policycheck/Policy.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace policycheck {

/// The default policy file name that front-ends look for.
constexpr llvm::StringLiteral DefaultPolicyFileName = "privacy-policy.yaml";

/// Reads and validates a policy. A malformed policy yields one PolicyError
/// with the file, line and column, the offending key and what was expected.
llvm::Expected<std::shared_ptr<const Policy>>
loadPolicyFile(llvm::StringRef Path);

/// As loadPolicyFile, from text already in memory; \p FileName is used in
/// locations only.
llvm::Expected<std::shared_ptr<const Policy>>
parsePolicy(llvm::StringRef Text, llvm::StringRef FileName);

/// The nearest `privacy-policy.yaml` in \p Directory or one of its parents, the
/// way clang-tidy finds `.clang-tidy`; empty when there is none.
std::string findPolicyFile(llvm::StringRef Directory);

} // namespace policycheck

#endif
