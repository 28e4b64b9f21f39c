//===--- RetentionCheck.h - Retention constants vs the policy ---*- C++ -*-===//
//
// Internal to the core. A duration constant tied to a category (by a
// `code: retention` model, or by its name: a category identifier with
// retention, ttl, max_age or expiry, such as `kHeartRateRetention`) must not
// keep the category longer than the policy says.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIB_RETENTIONCHECK_H
#define POLICYCHECK_LIB_RETENTIONCHECK_H

#include "extract/FunctionAnalyzer.h"

#include "policycheck/Analysis.h"

#include "clang/AST/ASTContext.h"

namespace policycheck {

void checkRetentionConstants(clang::ASTContext &Context, const Knowledge &K,
                             TranslationUnitState &State,
                             std::vector<Finding> &Findings);

} // namespace policycheck

#endif
