//===--- Annotations.h - Reading policycheck/annotations.h ------*- C++ -*-===//
//
// Internal to the core. The annotation macros become
// [[clang::annotate("policycheck:...")]] on declarations; this reads them back
// as the same models a policy's `code:` section gives.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIB_ANNOTATIONS_H
#define POLICYCHECK_LIB_ANNOTATIONS_H

#include "policycheck/Policy.h"

#include "clang/AST/Decl.h"

#include <optional>
#include <string>
#include <vector>

namespace policycheck {

struct DeclAnnotations {
  std::optional<std::string> DataCategory; // PRIVACY_DATA
  bool NotPersonal = false;                // PRIVACY_NOT_PERSONAL
  std::optional<SinkModel> Sink;           // PRIVACY_SINK_*
  std::optional<TransformResult> Transform;
  HashGrade TransformStrength = HashGrade::Unknown; // `transform:hashed:digest`
  std::optional<std::string> RetentionCategory;
  /// Annotations that do not say something policycheck understands, or name
  /// a category or vendor the policy does not know: (location, message).
  std::vector<std::pair<clang::SourceLocation, std::string>> Errors;

  bool empty() const {
    return !DataCategory && !NotPersonal && !Sink && !Transform &&
           !RetentionCategory && Errors.empty();
  }
};

/// The annotations on \p D or any of its redeclarations, checked against the
/// policy (categories must be known, vendors declared).
DeclAnnotations readAnnotations(const clang::Decl *D, const Policy &P);

} // namespace policycheck

#endif
