//===--- WalkNames.cpp - Names, constants and annotations ----------------===//
//
// What a declaration says by its name or annotation, and the constant text
// of globals.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"

#include "clang/AST/ExprCXX.h"

namespace policycheck::walker {

std::optional<DataFact> Walker::classifyName(llvm::StringRef Name, NameKind Kind,
                                             TypeClass Type,
                                             llvm::StringRef Owner,
                                             clang::SourceLocation Loc,
                                             llvm::StringRef What) {
  if (Name.empty())
    return std::nullopt;
  auto Result = K.Names.classify(Name, Kind, Type, Owner);
  if (!Result)
    return std::nullopt;
  DataFact Fact;
  Fact.Category = Result->Category;
  Fact.Origin = Loc;
  Fact.How = (What + " '" + Name + "' (" +
              (Result->Rule && Result->Rule->FromPolicy
                   ? "named in the policy's identifiers"
                   : "by its name") +
              ")")
                 .str();
  Fact.Protected = protectionFromName(Name);
  return Fact;
}

std::optional<DataFact> Walker::declFact(const clang::NamedDecl *D, NameKind Kind,
                                         TypeClass Type, llvm::StringRef Owner,
                                         clang::SourceLocation Loc,
                                         llvm::StringRef What) {
  const DeclAnnotations &A = State.annotationsOf(D);
  if (A.DataCategory) {
    DataFact Fact;
    Fact.Category = *A.DataCategory;
    Fact.Origin = Loc;
    Fact.How = (What + " '" + D->getName() + "' (annotated PRIVACY_DATA)").str();
    return Fact;
  }
  if (A.NotPersonal)
    return std::nullopt;
  // A name reserved to the implementation (`__errno_location`, which
  // `errno` expands to, `_M_data`) names the library's machinery, not the
  // data: only a library model says what such a call returns.
  llvm::StringRef Name = D->getName();
  if (Name.startswith("__") || (Name.size() > 1 && Name[0] == '_' && Name[1] >= 'A' && Name[1] <= 'Z'))
    return std::nullopt;
  return classifyName(Name, Kind, Type, Owner, Loc, What);
}

std::optional<std::string> Walker::constantText(const clang::VarDecl *VD) {
  VD = VD->getCanonicalDecl();
  auto It = State.GlobalText.find(VD);
  if (It != State.GlobalText.end())
    return It->second;
  State.GlobalText[VD] = std::nullopt; // guards against cycles
  std::optional<std::string> Text;
  const clang::VarDecl *Def = VD->getDefinition() ? VD->getDefinition() : VD;
  if (const clang::Expr *Init = Def->getAnyInitializer()) {
    const clang::Expr *E = strip(Init);
    if (const auto *Lit = llvm::dyn_cast<clang::StringLiteral>(E);
        Lit && Lit->getCharByteWidth() == 1)
      Text = Lit->getString().str();
    else if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
      if (const auto *Other = llvm::dyn_cast<clang::VarDecl>(Ref->getDecl()))
        Text = constantText(Other);
    } else if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
      if (Ctor->getNumArgs() >= 1)
        if (const auto *Lit =
                narrowLiteral((Ctor->getArg(0))))
          Text = Lit->getString().str();
    } else {
      // Concatenations of constants, calls with literal defaults, text
      // macros: what the evaluator makes of the whole initializer.
      Value V = eval(Init);
      Text = V.Text;
    }
  }
  State.GlobalText[VD] = Text;
  return Text;
}

} // namespace policycheck::walker
