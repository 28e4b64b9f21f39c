//===--- CodeFacts.h - Small questions about code ---------------*- C++ -*-===//
//
// Helpers the analysis asks of Clang's AST and of text found in the code:
// what class of value a type holds, what host a URL names, the qualified name
// the models use, and whether a location is the project's own code.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_CODEFACTS_H
#define POLICYCHECK_CODEFACTS_H

#include "policycheck/Classifier.h"

#include "clang/AST/Decl.h"
#include "clang/AST/Type.h"
#include "clang/Basic/SourceManager.h"

#include <optional>
#include <string>

namespace policycheck {

/// The type class the classifier needs: `bool has_email` holds no email.
TypeClass classifyType(clang::QualType Type);

/// The qualified name library models use: inline namespaces dropped
/// (`std::to_string`, `fmt::format`), no template arguments.
std::string qualifiedName(const clang::NamedDecl &D);

/// The host a URL or host text names (`https://api.posthog.com:443/capture`
/// gives `api.posthog.com`), lower-cased; empty when the text names none (a
/// bare path, a template with a placeholder for the host).
std::string hostOfUrl(llvm::StringRef Url);

/// True for locations in system headers or in third-party folders
/// (third_party, third-party, thirdparty, 3rdparty, external, externals,
/// vendor, deps): findings are never reported there, though flows through
/// them are followed.
bool isOutsideProjectCode(const clang::SourceManager &SM,
                          clang::SourceLocation Loc);

/// True for locations in system headers (`-isystem`, the toolchain's, what
/// lives under /usr): libraries whose calls the library models describe and
/// whose bodies are not followed. Vendored folders of the project are
/// outside its code but not system code: a function there without a model
/// is followed as the project's are.
bool isSystemCode(const clang::SourceManager &SM, clang::SourceLocation Loc);

} // namespace policycheck

#endif
