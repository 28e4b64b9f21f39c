//===--- ProjectCodeVisitor.h - Traversals that skip library code -*- C++ -*-===//
//
// Internal to the core. A translation unit is mostly its headers: the
// standard library, Boost, nlohmann/json, Qt. Nothing declared there is the
// project's code, so the traversals that look for functions to analyse and
// constants to check do not descend into it: a namespace or class declared in
// a system or third-party header (CodeFacts' isOutsideProjectCode) is skipped
// whole, with every template instantiation under it.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIB_PROJECTCODEVISITOR_H
#define POLICYCHECK_LIB_PROJECTCODEVISITOR_H

#include "policycheck/CodeFacts.h"

#include "clang/AST/RecursiveASTVisitor.h"

namespace policycheck {

template <typename Derived>
class ProjectCodeVisitor : public clang::RecursiveASTVisitor<Derived> {
public:
  explicit ProjectCodeVisitor(const clang::SourceManager &SM) : SM(SM) {}

  bool TraverseDecl(clang::Decl *D) {
    // Declarations at namespace scope only: one check per namespace block,
    // class or function, never per statement.
    if (D && D->getDeclContext() && D->getDeclContext()->isFileContext() &&
        isOutsideProjectCode(SM, D->getLocation()))
      return true;
    return clang::RecursiveASTVisitor<Derived>::TraverseDecl(D);
  }

protected:
  const clang::SourceManager &SM;
};

} // namespace policycheck

#endif
