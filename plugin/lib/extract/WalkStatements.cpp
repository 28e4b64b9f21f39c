//===--- WalkStatements.cpp - Statements and control flow ----------------===//
//
// The walk over a function body in source order: declarations, branches
// (joined), loops (twice, for what one pass leaves), returns, and the access
// path (key) of each lvalue the environment is indexed by.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace policycheck::walker {

static std::set<std::string> united(std::set<std::string> A,
                                    const std::set<std::string> &B) {
  A.insert(B.begin(), B.end());
  return A;
}

std::optional<std::string> Walker::keyOf(const clang::Expr *E) {
  E = strip(E);
  if (!E)
    return std::nullopt;
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()))
      return varKey(VD);
    // A structured binding is a part of the variable that holds the whole.
    if (const auto *BD = llvm::dyn_cast<clang::BindingDecl>(DRE->getDecl()))
      if (BD->getBinding())
        return keyOf(BD->getBinding());
    return std::nullopt;
  }
  if (llvm::isa<clang::CXXThisExpr>(E))
    return std::string("this");
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E)) {
    if (!llvm::isa<clang::FieldDecl>(ME->getMemberDecl()))
      return std::nullopt;
    auto Base = keyOf(ME->getBase());
    if (!Base)
      return std::nullopt;
    return *Base + "." + ME->getMemberDecl()->getNameAsString();
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    if (UO->getOpcode() == clang::UO_Deref || UO->getOpcode() == clang::UO_AddrOf)
      return keyOf(UO->getSubExpr());
  if (const auto *ASE = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
    return keyOf(ASE->getBase());
  // `hex + 2 * i`: a pointer into the buffer is the buffer.
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E))
    if ((BO->getOpcode() == clang::BO_Add || BO->getOpcode() == clang::BO_Sub) &&
        BO->getType()->isPointerType())
      return keyOf(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                             : BO->getRHS());
  if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E)) {
    // `json["email"]`: a key of an object.
    if (Op->getOperator() == clang::OO_Subscript && Op->getNumArgs() == 2) {
      auto Base = keyOf(Op->getArg(0));
      if (!Base)
        return std::nullopt;
      if (const auto *Lit =
              narrowLiteral((Op->getArg(1))))
        return *Base + "[" + Lit->getString().str() + "]";
      return Base;
    }
    if (Op->getOperator() == clang::OO_Star || Op->getOperator() == clang::OO_Arrow)
      return keyOf(Op->getArg(0));
  }
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E);
      Call && !llvm::isa<clang::CXXMemberCallExpr>(Call) &&
      !llvm::isa<clang::CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0) {
    // A free function that hands out a part of its argument to write to
    // (`beast::get_lowest_layer(stream).connect(...)`, `std::get<0>(t) = x`)
    // is that argument.
    if (const clang::FunctionDecl *Callee = Call->getDirectCallee();
        Callee && returnsMutableReference(*Callee))
      return keyOf(Call->getArg(0));
  }
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    // Accessors that return the object itself or an element of it.
    if (const auto *M = MC->getMethodDecl()) {
      llvm::StringRef Name = M->getName();
      if (Name == "at" || Name == "operator[]" || Name == "front" ||
          Name == "back" || Name == "get" || Name == "value" ||
          Name == "data" || Name == "c_str" || Name == "begin" ||
          Name == "str" || Name == "rdbuf")
        return keyOf(MC->getImplicitObjectArgument());
      // A method that hands out a part of its object to write to
      // (`req.body() = json`, `msg.headers()`): that part, keyed by the
      // method's name, so that the object's own value (its URL) stays. One
      // that returns the object itself (`builder.with(x)`) is the object.
      if (returnsMutableReference(*M)) {
        auto Base = keyOf(MC->getImplicitObjectArgument());
        if (!Base)
          return std::nullopt;
        const auto *Record =
            M->getReturnType().getNonReferenceType()->getAsCXXRecordDecl();
        if (Record && Record->getCanonicalDecl() == M->getParent()->getCanonicalDecl())
          return Base;
        return *Base + "." + Name.str() + "()";
      }
    }
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

void Walker::run() {
  // Nothing is reported inside vendored code: there, what a parameter holds
  // is its caller's to say, whatever its name.
  bool Vendored = isOutsideProjectCode(Ctx.getSourceManager(), FD->getLocation());
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const clang::ParmVarDecl *P = FD->getParamDecl(I);
    ParamIndex[P] = I;
    Value V;
    // A parameter whose own name says what it holds is known here: the
    // finding belongs in this function, not at its callers.
    if (auto Fact = Vendored ? std::nullopt
                             : declFact(P, NameKind::Identifier,
                                        classifyType(P->getType()), "",
                                        P->getLocation(), "the parameter"))
      V.Data.add(*Fact);
    else
      V.Data.addParam({I, Protection(), ""});
    V.TextParam = I;
    InitialParams[I] = V.Data;
    Env[varKey(P)] = V;
  }
  // A method's object is a parameter too: what its fields hold comes from
  // the caller's object (`tracker.send()` sends what `tracker` was given).
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
  bool HasReceiver = Method && Method->isInstance() &&
                     !llvm::isa<clang::CXXConstructorDecl>(Method) &&
                     !llvm::isa<clang::CXXDestructorDecl>(Method);
  if (HasReceiver)
    Env["this"].Data.addParam({ParamUse::Receiver, Protection(), ""});
  else
    Entry = false;
  if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(FD))
    for (const clang::CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getMember() && Init->getInit()) {
        Value V = eval(Init->getInit());
        Env["this." + Init->getMember()->getNameAsString()] = V;
      }
  walk(FD->getBody());
  finishRequests();
  if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(FD))
    // What a constructor puts in a field, every method finds there
    // (`endpoint_(config::r2_endpoint())`).
    for (const clang::FieldDecl *Field : Ctor->getParent()->fields()) {
      auto It = Env.find("this." + Field->getNameAsString());
      if (It != Env.end() && It->second.Text)
        State.FieldText.emplace(Field, *It->second.Text);
    }
  // What this function leaves in its object's fields is what every method
  // run on no caller's word finds there. A text a parameter gives is its
  // callers' to record (applySummary).
  if (Method && (HasReceiver || llvm::isa<clang::CXXConstructorDecl>(FD))) {
    std::string Prefix = "this.";
    for (auto It = Env.lower_bound(Prefix);
         It != Env.end() && llvm::StringRef(It->first).startswith(Prefix); ++It)
      State.recordFieldWrite(State.fieldKey(Method->getParent(), It->first.substr(4)),
                             It->second.Data, It->second.Text, false);
  }
  if (HasReceiver) {
    std::string Prefix = "this.";
    for (auto It = Env.lower_bound(Prefix);
         It != Env.end() && llvm::StringRef(It->first).startswith(Prefix); ++It)
      if (!It->second.Data.empty() || It->second.Text ||
          (It->second.TextParam && *It->second.TextParam < FieldTextBase)) {
        ReceiverWrite W{It->first.substr(4), It->second.Data, It->second.Text,
                        std::nullopt};
        if (It->second.TextParam && *It->second.TextParam < FieldTextBase)
          W.TextParam = It->second.TextParam;
        Summary.ReceiverWrites.push_back(std::move(W));
      }
  }
  // What is written through a reference or pointer parameter is the
  // caller's: a result of the call like its return value. Only what the
  // parameter did not already bring in (its own unknown data) counts.
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const clang::ParmVarDecl *P = FD->getParamDecl(I);
    clang::QualType T = P->getType();
    clang::QualType Pointee = T->isLValueReferenceType() || T->isPointerType()
                                  ? T->getPointeeType()
                                  : clang::QualType();
    // A `char *` is a buffer to fill, whatever a `char` alone holds.
    if (Pointee.isNull() || Pointee.isConstQualified() ||
        (isDataFreeType(Pointee) && !Pointee->isAnyCharacterType()))
      continue;
    std::string Key = varKey(P);
    for (auto It = Env.lower_bound(Key);
         It != Env.end() && llvm::StringRef(It->first).startswith(Key); ++It) {
      llvm::StringRef Field = llvm::StringRef(It->first).drop_front(Key.size());
      if (!Field.empty() && !Field.startswith(".") && !Field.startswith("["))
        continue; // another variable's key that merely starts alike
      // The whole parameter starts out as what its name says or as its own
      // unknown data: neither is a write.
      const Taint *Initial = Field.empty() ? &InitialParams[I] : nullptr;
      Taint Written;
      for (const DataFact &F : It->second.Data.facts())
        if (!Initial || !Initial->hasCategory(F.Category))
          Written.add(F);
      for (const ParamUse &U : It->second.Data.params())
        if (U.Index != I)
          Written.addParam(U);
      if (!Written.empty())
        Summary.ParamWrites.push_back({I, Field.str(), std::move(Written)});
    }
  }
  for (const Value &V : Returned)
    Summary.Returns.merge(V.Data);
  // The text a function returns: a constant, or a parameter's; a value read
  // from the environment or settings at run time gives way to its default.
  for (const Value &V : Returned) {
    if (V.Text && !Summary.ReturnText && !Summary.ReturnTextParam)
      Summary.ReturnText = V.Text;
    else if (V.TextParam && !Summary.ReturnText && !Summary.ReturnTextParam)
      Summary.ReturnTextParam = summaryTextParam(*V.TextParam, Summary.ReturnTextField);
  }
}

void Walker::walkBranches(const clang::Stmt *Then, const clang::Stmt *Else,
                          const GuardSets *Condition) {
  Environment Before = Env;
  std::set<std::string> Outer = Guards;
  if (Condition)
    Guards.insert(Condition->WhenTrue.begin(), Condition->WhenTrue.end());
  walk(Then);
  Environment AfterThen = std::move(Env);
  Env = std::move(Before);
  Guards = Outer;
  if (Condition)
    Guards.insert(Condition->WhenFalse.begin(), Condition->WhenFalse.end());
  walk(Else);
  joinInto(Env, AfterThen);
  Guards = std::move(Outer);
  // `if (!allowed()) return;`: what follows runs only when it was true.
  if (Condition && exits(Then))
    Guards.insert(Condition->WhenFalse.begin(), Condition->WhenFalse.end());
  else if (Condition && Else && exits(Else))
    Guards.insert(Condition->WhenTrue.begin(), Condition->WhenTrue.end());
}

void Walker::walk(const clang::Stmt *S) {
  if (!S)
    return;
  if (const auto *CS = llvm::dyn_cast<clang::CompoundStmt>(S)) {
    for (const clang::Stmt *Child : CS->body())
      walk(Child);
    return;
  }
  if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S)) {
    for (const clang::Decl *D : DS->decls())
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D)) {
        if (!VD->hasInit())
          continue;
        Value V = eval(VD->getInit());
        if (V.Guessed)
          // `auto rendered_audio = dsp::render(path, steps)` with `render`
          // defined elsewhere: the variable's name says what the result is.
          if (auto Fact = declFact(VD, NameKind::Identifier,
                                   classifyType(VD->getType()), "",
                                   VD->getLocation(), "the variable")) {
            V.Data = Taint();
            V.Data.add(*Fact);
          }
        noteBoolGuard(VD, VD->getInit());
        Env[varKey(VD)] = std::move(V);
      }
    return;
  }
  if (const auto *If = llvm::dyn_cast<clang::IfStmt>(S)) {
    if (If->getInit())
      walk(If->getInit());
    if (If->getConditionVariableDeclStmt())
      walk(If->getConditionVariableDeclStmt());
    const clang::Expr *Cond = If->getCond();
    bool Known = false, Truth = false;
    if (If->isConstexpr()) {
      if (llvm::Optional<const clang::Stmt *> Taken = If->getNondiscardedCase(Ctx)) {
        walk(*Taken);
        return;
      }
    }
    if (Cond && !Cond->isValueDependent() &&
        Cond->EvaluateAsBooleanCondition(Truth, Ctx))
      Known = true;
    if (!Known && Cond)
      eval(Cond);
    if (Known) {
      // Code under a condition that is constant is only what it runs.
      walk(Truth ? If->getThen() : If->getElse());
      return;
    }
    GuardSets Condition = guardsOf(Cond);
    walkBranches(If->getThen(), If->getElse(), &Condition);
    return;
  }
  if (const auto *R = llvm::dyn_cast<clang::ReturnStmt>(S)) {
    if (R->getRetValue())
      Returned.push_back(eval(R->getRetValue()));
    return;
  }
  // Loops: twice, so that data assigned late in the body reaches uses early
  // in it.
  auto Loop = [&](const clang::Stmt *Body, const clang::Expr *Cond) {
    Environment Before = Env;
    std::set<std::string> Outer = Guards;
    GuardSets Condition = guardsOf(Cond);
    for (int Pass = 0; Pass < 2; ++Pass) {
      if (Cond)
        eval(Cond);
      // `while (allowed())`: the body runs when the condition holds; what
      // a `continue` guards in the body ends with it.
      Guards = united(Outer, Condition.WhenTrue);
      walk(Body);
    }
    Guards = std::move(Outer);
    joinInto(Env, Before);
  };
  if (const auto *For = llvm::dyn_cast<clang::ForStmt>(S)) {
    walk(For->getInit());
    Loop(For->getBody(), For->getCond());
    if (For->getInc())
      eval(For->getInc());
    return;
  }
  if (const auto *While = llvm::dyn_cast<clang::WhileStmt>(S)) {
    bool Truth = true;
    if (While->getCond() && !While->getCond()->isValueDependent() &&
        While->getCond()->EvaluateAsBooleanCondition(Truth, Ctx) && !Truth)
      return;
    Loop(While->getBody(), While->getCond());
    return;
  }
  if (const auto *Do = llvm::dyn_cast<clang::DoStmt>(S)) {
    Loop(Do->getBody(), Do->getCond());
    return;
  }
  if (const auto *Range = llvm::dyn_cast<clang::CXXForRangeStmt>(S)) {
    // The loop variable holds what the range holds.
    Value RangeValue = eval(Range->getRangeInit());
    if (const clang::VarDecl *LoopVar = Range->getLoopVariable()) {
      Value Element;
      Element.Data = RangeValue.Data;
      Env[varKey(LoopVar)] = Element;
    }
    Loop(Range->getBody(), nullptr);
    return;
  }
  if (const auto *Switch = llvm::dyn_cast<clang::SwitchStmt>(S)) {
    if (Switch->getCond())
      eval(Switch->getCond());
    Environment Before = Env;
    std::set<std::string> Outer = Guards;
    walk(Switch->getBody());
    Guards = std::move(Outer);
    joinInto(Env, Before);
    return;
  }
  if (const auto *Case = llvm::dyn_cast<clang::SwitchCase>(S)) {
    walk(Case->getSubStmt());
    return;
  }
  if (const auto *Try = llvm::dyn_cast<clang::CXXTryStmt>(S)) {
    walk(Try->getTryBlock());
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      walkBranches(Try->getHandler(I)->getHandlerBlock(), nullptr);
    return;
  }
  if (const auto *Label = llvm::dyn_cast<clang::LabelStmt>(S)) {
    walk(Label->getSubStmt());
    return;
  }
  if (const auto *E = llvm::dyn_cast<clang::Expr>(S)) {
    eval(E);
    return;
  }
  for (const clang::Stmt *Child : S->children())
    walk(Child);
}

} // namespace policycheck::walker
