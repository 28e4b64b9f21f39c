//===--- WalkGuards.cpp - The consent checks known true -------------------===//
//
// A call to a vendor a `consent` entry covers, or a cookie it covers, must
// run only where the entry's `check` was called and found true: inside
// `if (check())`, after `if (!check()) return;`, under `check() && ...` or
// `check() ? ... : ...`, through a bool that holds the check's result. The
// walk keeps the set of checks known true at each point; a use it does not
// cover waits for ConsentCheck, which looks at every way into its function.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/Judge.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace policycheck::walker {

static std::set<std::string> united(std::set<std::string> A,
                                    const std::set<std::string> &B) {
  A.insert(B.begin(), B.end());
  return A;
}

static std::set<std::string> common(const std::set<std::string> &A,
                                    const std::set<std::string> &B) {
  std::set<std::string> Out;
  for (const std::string &S : A)
    if (B.count(S))
      Out.insert(S);
  return Out;
}

bool Walker::tracksConsent() const { return !K.ThePolicy->consent().empty(); }

Walker::GuardSets Walker::guardsOf(const clang::Expr *Cond) {
  GuardSets Out;
  if (!Cond || !tracksConsent())
    return Out;
  Cond = strip(Cond);
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(Cond)) {
    if (UO->getOpcode() == clang::UO_LNot) {
      GuardSets Inner = guardsOf(UO->getSubExpr());
      return {Inner.WhenFalse, Inner.WhenTrue};
    }
    return Out;
  }
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(Cond)) {
    GuardSets L = guardsOf(BO->getLHS()), R = guardsOf(BO->getRHS());
    switch (BO->getOpcode()) {
    case clang::BO_LAnd:
      return {united(L.WhenTrue, R.WhenTrue), common(L.WhenFalse, R.WhenFalse)};
    case clang::BO_LOr:
      return {common(L.WhenTrue, R.WhenTrue), united(L.WhenFalse, R.WhenFalse)};
    case clang::BO_EQ:
    case clang::BO_NE: {
      // `check() == true`, `allowed != false`.
      bool Literal = false;
      const clang::Expr *Other = nullptr;
      if (const auto *B = llvm::dyn_cast<clang::CXXBoolLiteralExpr>(strip(BO->getRHS()))) {
        Literal = B->getValue();
        Other = BO->getLHS();
      } else if (const auto *B =
                     llvm::dyn_cast<clang::CXXBoolLiteralExpr>(strip(BO->getLHS()))) {
        Literal = B->getValue();
        Other = BO->getRHS();
      }
      if (!Other)
        return Out;
      GuardSets Inner = guardsOf(Other);
      bool Same = Literal == (BO->getOpcode() == clang::BO_EQ);
      return Same ? Inner : GuardSets{Inner.WhenFalse, Inner.WhenTrue};
    }
    default:
      return Out;
    }
  }
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(Cond)) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()))
      if (auto It = BoolGuards.find(varKey(VD)); It != BoolGuards.end())
        return It->second;
    return Out;
  }
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(Cond))
    if (const clang::FunctionDecl *Callee = Call->getDirectCallee()) {
      std::string Name = qualifiedName(*Callee);
      for (const ConsentRule &R : K.ThePolicy->consent())
        if (!R.Check.empty() && matchesQualifiedNamePattern(R.Check, Name))
          Out.WhenTrue.insert(R.Check);
    }
  return Out;
}

bool Walker::runsLambdasHere(const clang::FunctionDecl *Callee) {
  if (!Callee)
    return false;
  // `[&] { ... }()`: the lambda's own call operator.
  if (const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(Callee))
    if (M->getParent()->isLambda())
      return true;
  // The standard algorithms (free functions: `std::for_each`, `std::visit`)
  // call what they are given before they return; threads, futures and
  // binders keep it for later, and so may a container's members
  // (`threads.emplace_back(...)`).
  std::string Name = qualifiedName(*Callee);
  if (!llvm::StringRef(Name).startswith("std::") || llvm::isa<clang::CXXMethodDecl>(Callee))
    return false;
  for (llvm::StringRef Later : {"std::async", "std::bind", "std::bind_front",
                                "std::thread", "std::jthread", "std::function"})
    if (llvm::StringRef(Name).startswith(Later))
      return false;
  return true;
}

bool Walker::exits(const clang::Stmt *S) {
  if (!S)
    return false;
  if (llvm::isa<clang::ReturnStmt>(S) || llvm::isa<clang::BreakStmt>(S) ||
      llvm::isa<clang::ContinueStmt>(S) || llvm::isa<clang::GotoStmt>(S) ||
      llvm::isa<clang::CXXThrowExpr>(S))
    return true;
  if (const auto *CS = llvm::dyn_cast<clang::CompoundStmt>(S))
    return llvm::any_of(CS->body(), [](const clang::Stmt *C) { return exits(C); });
  if (const auto *If = llvm::dyn_cast<clang::IfStmt>(S))
    return If->getElse() && exits(If->getThen()) && exits(If->getElse());
  if (const auto *A = llvm::dyn_cast<clang::AttributedStmt>(S))
    return exits(A->getSubStmt());
  if (const auto *E = llvm::dyn_cast<clang::Expr>(S)) {
    E = strip(E);
    if (llvm::isa<clang::CXXThrowExpr>(E))
      return true;
    if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
      if (const clang::FunctionDecl *Callee = Call->getDirectCallee())
        return Callee->isNoReturn();
  }
  return false;
}

void Walker::noteBoolGuard(const clang::VarDecl *VD, const clang::Expr *Value) {
  if (!tracksConsent() || !VD->getType()->isBooleanType())
    return;
  GuardSets G = guardsOf(Value);
  if (G.WhenTrue.empty() && G.WhenFalse.empty())
    BoolGuards.erase(varKey(VD));
  else
    BoolGuards[varKey(VD)] = std::move(G);
}

void Walker::recordCall(const clang::FunctionDecl *Callee, const clang::Expr *Call) {
  if (!tracksConsent() || isOutsideProjectCode(Ctx.getSourceManager(), Callee->getLocation()))
    return;
  const std::string &USR = State.usrOf(Callee);
  if (USR.empty())
    return;
  std::vector<TranslationUnitState::LocalCall> &Calls = State.CallsTo[USR];
  for (TranslationUnitState::LocalCall &C : Calls)
    if (C.Caller == FD && C.Location == Call->getBeginLoc()) {
      C.Guards = common(C.Guards, Guards); // a loop's second pass
      return;
    }
  Calls.push_back({FD, Call->getBeginLoc(), Guards});
}

void Walker::noteConsentCheckCall(const std::string &Name, const clang::Expr *Call) {
  if (!tracksConsent())
    return;
  for (const ConsentRule &R : K.ThePolicy->consent()) {
    if (R.Check.empty() || !matchesQualifiedNamePattern(R.Check, Name))
      continue;
    bool Known = false;
    for (const ConsentCheckCall &C : State.ConsentCheckCalls)
      Known |= C.Check == R.Check && C.Location == Call->getBeginLoc();
    if (!Known)
      State.ConsentCheckCalls.push_back({R.Check, Name, "", Call->getBeginLoc()});
  }
}

void Walker::consentAt(const FlowEvent &Event) {
  if (!tracksConsent())
    return;
  Judge J(*K.ThePolicy, K.Hosts);
  for (const ConsentRule *Rule : J.consentRulesFor(Event.Target)) {
    if (Guards.count(Rule->Check))
      continue;
    bool Known = false;
    for (const TranslationUnitState::ConsentUse &U : State.ConsentUses)
      Known |= U.Function == FD && U.Rule == Rule && U.Event.Location == Event.Location;
    if (!Known)
      State.ConsentUses.push_back({FD, Event, Rule});
  }
}

} // namespace policycheck::walker
