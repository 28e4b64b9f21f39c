//===--- Suppression.h - NOLINT comments ------------------------*- C++ -*-===//
//
// `// NOLINT`, `// NOLINT(privacy-...)`, `// NOLINTNEXTLINE(...)` and
// `// NOLINTBEGIN(...)` / `// NOLINTEND(...)` suppress a finding in every
// front-end, read the way clang-tidy reads them.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_SUPPRESSION_H
#define POLICYCHECK_SUPPRESSION_H

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringRef.h"

namespace policycheck {

/// True when a NOLINT comment covers \p CheckName at \p Loc.
bool isSuppressed(const clang::SourceManager &SM, clang::SourceLocation Loc,
                  llvm::StringRef CheckName);

/// True when one NOLINT-style comment text (what follows `NOLINT`, e.g.
/// `(privacy-*, bugprone-x)` or nothing) covers \p CheckName.
bool nolintCovers(llvm::StringRef Arguments, llvm::StringRef CheckName);

} // namespace policycheck

#endif
