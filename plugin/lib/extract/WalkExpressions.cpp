//===--- WalkExpressions.cpp - Expressions and text ----------------------===//
//
// The value of an expression: variables, bindings, operators, text macros.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"

#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

#include <cstdlib>

namespace policycheck::walker {

Value Walker::evalDeclRef(const clang::DeclRefExpr *E) {
  const clang::ValueDecl *D = E->getDecl();
  if (const auto *BD = llvm::dyn_cast<clang::BindingDecl>(D))
    return evalBinding(BD, E->getLocation());
  const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
  if (!VD)
    return Value();
  auto Key = keyOf(E);
  Value V = Key ? objectValue(*Key) : Value();
  bool Known = Key && Env.count(*Key);
  TypeClass Type = classifyType(VD->getType());
  bool IsParam = llvm::isa<clang::ParmVarDecl>(VD);
  if (!IsParam && !(Known && flowDecidesOverName(V.Data))) {
    // The name says what the variable holds unless the flow already said it.
    if (auto Fact = declFact(VD, NameKind::Identifier, Type, "",
                             E->getLocation(), "the variable"))
      if (!V.Data.hasCategory(Fact->Category))
        V.Data.add(*Fact);
  }
  if (!Known && !V.Text && !VD->isLocalVarDecl() && !IsParam)
    V.Text = constantText(VD);
  if (!Known && !V.Text && VD->isLocalVarDecl() && VD->getType().isConstQualified())
    V.Text = constantText(VD);
  return V;
}

Value Walker::evalBinding(const clang::BindingDecl *BD, clang::SourceLocation Loc) {
  // `const auto& [lat, lng] = trip.dropoff`: the binding is a member (or a
  // get<I>) of the hidden variable that holds the whole; an element of a
  // range whose fields are not known one by one holds what the whole holds.
  Value V = BD->getBinding() ? eval(BD->getBinding()) : Value();
  if (V.Data.empty())
    if (const auto *Whole = llvm::dyn_cast_or_null<clang::VarDecl>(BD->getDecomposedDecl()))
      if (auto It = Env.find(varKey(Whole)); It != Env.end())
        V.Data.merge(It->second.Data);
  if (auto Fact = declFact(BD, NameKind::Identifier, classifyType(BD->getType()), "",
                           Loc, "the variable"))
    if (!V.Data.hasCategory(Fact->Category))
      V.Data.add(*Fact);
  return V;
}

Value Walker::evalOperatorCall(const clang::CXXOperatorCallExpr *E,
                               bool &Handled) {
  Handled = true;
  switch (E->getOperator()) {
  case clang::OO_LessLess:
    // `stream << a << b` on any modelled stream: std::cerr, std::ofstream,
    // std::ostringstream, QDebug, ...
    if (E->getNumArgs() == 2) {
      const clang::Expr *Root = E;
      while (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(strip(Root))) {
        if (Op->getOperator() != clang::OO_LessLess || Op->getNumArgs() != 2)
          break;
        Root = Op->getArg(0);
      }
      if (streamOf(Root) || isBodyStream(Root))
        return evalStreamChain(E);
    }
    break;
  case clang::OO_Equal:
    if (E->getNumArgs() == 2) {
      Value V = eval(E->getArg(1));
      assign(E->getArg(0), V, /*Merge=*/false);
      return V;
    }
    break;
  case clang::OO_PlusEqual:
    if (E->getNumArgs() == 2) {
      Value V = eval(E->getArg(1));
      assign(E->getArg(0), V, /*Merge=*/true);
      return V;
    }
    break;
  case clang::OO_Plus:
    if (E->getNumArgs() == 2) {
      Value L = eval(E->getArg(0)), R = eval(E->getArg(1));
      Value V;
      V.Data = L.Data;
      V.Data.merge(R.Data);
      if (L.Text && R.Text)
        V.Text = *L.Text + *R.Text;
      else if (L.Text)
        // The rest is known only at run time; the prefix still names the
        // host (`endpoint + "/" + key`). `{?}` never parses as a host.
        V.Text = *L.Text + "{?}";
      else if (L.TextParam) {
        // A parameter's URL with a path appended keeps the parameter's
        // host, whether the path is a constant or known only at run time
        // (`base_ + path`).
        V.TextParam = L.TextParam;
      }
      return V;
    }
    break;
  case clang::OO_Subscript:
    if (E->getNumArgs() == 2) {
      // Reading `json["email"]`: the key names what is read.
      Value V;
      auto Key = keyOf(E);
      if (Key && Env.count(*Key))
        V = objectValue(*Key);
      else {
        Value Base = eval(E->getArg(0));
        for (const ParamUse &P : Base.Data.params())
          V.Data.addParam(P);
      }
      addKeyFact(E->getArg(1), V.Data);
      if (!narrowLiteral(E->getArg(1))) {
        eval(E->getArg(1));
        V.Data.merge(eval(E->getArg(0)).Data);
      }
      return V;
    }
    break;
  default:
    break;
  }
  Handled = false;
  return Value();
}

std::optional<std::string> Walker::textMacroText(const clang::Expr *E) {
  // The whole expression is one expansion of a text macro.
  const clang::SourceManager &SM = Ctx.getSourceManager();
  const clang::LangOptions &LO = Ctx.getLangOpts();
  clang::SourceLocation Begin = E->getBeginLoc(), End = E->getEndLoc();
  clang::SourceLocation ExpansionBegin, ExpansionEnd;
  if (!clang::Lexer::isAtStartOfMacroExpansion(Begin, SM, LO, &ExpansionBegin) ||
      !clang::Lexer::isAtEndOfMacroExpansion(End, SM, LO, &ExpansionEnd))
    return std::nullopt;
  if (!K.Models.isTextMacro(clang::Lexer::getImmediateMacroName(Begin, SM, LO)))
    return std::nullopt;
  if (const clang::StringLiteral *Lit = firstStringLiteral(E))
    return asciiText(Lit);
  return std::nullopt;
}

Value Walker::eval(const clang::Expr *E) {
  if (!E)
    return Value();
  // Before the parentheses go: a macro's expansion often starts with one.
  if (E->getBeginLoc().isMacroID() && E->getType()->isRecordType())
    if (auto Text = textMacroText(E)) {
      Value V;
      V.Text = std::move(Text);
      return V;
    }
  E = E->IgnoreParens();
  if (const auto *Lit = llvm::dyn_cast<clang::StringLiteral>(E)) {
    Value V;
    if (Lit->getCharByteWidth() == 1) // u"" and L"" have no text we read
      V.Text = Lit->getString().str();
    return V;
  }
  if (const auto *Cast = llvm::dyn_cast<clang::CastExpr>(E))
    return eval(Cast->getSubExpr());
  if (const auto *M = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
    return eval(M->getSubExpr());
  if (const auto *B = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
    return eval(B->getSubExpr());
  if (const auto *C = llvm::dyn_cast<clang::ExprWithCleanups>(E))
    return eval(C->getSubExpr());
  if (const auto *D = llvm::dyn_cast<clang::CXXDefaultArgExpr>(E))
    return eval(D->getExpr());
  if (const auto *Constant = llvm::dyn_cast<clang::ConstantExpr>(E))
    return eval(Constant->getSubExpr()); // a consteval format string
  if (const auto *D = llvm::dyn_cast<clang::CXXDefaultInitExpr>(E))
    return eval(D->getExpr());
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return evalDeclRef(DRE);
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E))
    return evalMember(ME);
  if (llvm::isa<clang::CXXThisExpr>(E))
    return objectValue("this");
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E))
    return evalInitList(IL);
  if (const auto *SIL = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(E))
    return eval(SIL->getSubExpr());
  if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E)) {
    bool Handled = false;
    Value V = evalOperatorCall(Op, Handled);
    if (Handled)
      return V;
    return evalCall(Op);
  }
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    return evalCall(Call);
  if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    return evalConstruct(Ctor);
  if (const auto *Cond = llvm::dyn_cast<clang::AbstractConditionalOperator>(E)) {
    bool Truth = false;
    if (!Cond->getCond()->isValueDependent() &&
        Cond->getCond()->EvaluateAsBooleanCondition(Truth, Ctx))
      return eval(Truth ? Cond->getTrueExpr() : Cond->getFalseExpr());
    eval(Cond->getCond());
    // `allowed() ? track(e) : void()`: each arm under what the condition says.
    GuardSets Condition = guardsOf(Cond->getCond());
    std::set<std::string> Outer = Guards;
    Guards.insert(Condition.WhenTrue.begin(), Condition.WhenTrue.end());
    Value T = eval(Cond->getTrueExpr());
    Guards = Outer;
    Guards.insert(Condition.WhenFalse.begin(), Condition.WhenFalse.end());
    Value F = eval(Cond->getFalseExpr());
    Guards = std::move(Outer);
    Value V;
    V.Data = T.Data;
    V.Data.merge(F.Data);
    // `getenv("HOST") ? getenv("HOST") : "api.example.com"`: the literal
    // default is what the text resolves to (contract section 1).
    V.Text = T.Text ? T.Text : F.Text;
    V.TextParam = T.TextParam ? T.TextParam : F.TextParam;
    return V;
  }
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    if (BO->isAssignmentOp()) {
      Value V = eval(BO->getRHS());
      if (BO->getOpcode() == clang::BO_Assign)
        if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(strip(BO->getLHS())))
          if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()))
            noteBoolGuard(VD, BO->getRHS());
      assign(BO->getLHS(), V, BO->isCompoundAssignmentOp());
      return V;
    }
    Value L = eval(BO->getLHS());
    // `allowed() && track(e)`: the right side runs only when the left says.
    std::set<std::string> Outer = Guards;
    if (BO->isLogicalOp()) {
      GuardSets Left = guardsOf(BO->getLHS());
      const std::set<std::string> &Holds =
          BO->getOpcode() == clang::BO_LAnd ? Left.WhenTrue : Left.WhenFalse;
      Guards.insert(Holds.begin(), Holds.end());
    }
    Value R = eval(BO->getRHS());
    Guards = std::move(Outer);
    if (BO->isComparisonOp() || BO->isLogicalOp())
      return Value(); // a comparison holds no data
    if (BO->getOpcode() == clang::BO_Comma)
      return R;
    Value V;
    V.Data = L.Data;
    V.Data.merge(R.Data);
    return V;
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E)) {
    Value V = eval(UO->getSubExpr());
    if (UO->getOpcode() == clang::UO_LNot)
      return Value();
    return V;
  }
  if (const auto *Lambda = llvm::dyn_cast<clang::LambdaExpr>(E)) {
    // The body runs where it is called; analysing it here, with the captured
    // variables as they are, finds the same sinks once. An init-capture
    // (`[to = rider.phone]`) is a variable of the body holding its init.
    auto Init = Lambda->capture_init_begin();
    for (const clang::LambdaCapture &Capture : Lambda->captures()) {
      const clang::Expr *InitExpr = *Init++;
      Value Captured = InitExpr ? eval(InitExpr) : Value();
      if (Capture.capturesVariable())
        if (const clang::VarDecl *Var = Capture.getCapturedVar(); Var->isInitCapture())
          Env[varKey(Var)] = std::move(Captured);
    }
    // Its body's early returns end the lambda, not this function; and a
    // lambda that runs later runs without the checks known true here.
    std::set<std::string> Outer = Guards;
    bool RunsHere = LambdaRunsHere;
    if (!RunsHere)
      Guards.clear();
    LambdaRunsHere = false;
    walk(Lambda->getBody());
    Guards = std::move(Outer);
    LambdaRunsHere = RunsHere;
    return Value();
  }
  if (const auto *Temp = llvm::dyn_cast<clang::CXXTemporaryObjectExpr>(E))
    return evalConstruct(Temp);
  if (llvm::isa<clang::IntegerLiteral>(E) || llvm::isa<clang::FloatingLiteral>(E) ||
      llvm::isa<clang::CXXBoolLiteralExpr>(E) ||
      llvm::isa<clang::CharacterLiteral>(E) || llvm::isa<clang::UnaryExprOrTypeTraitExpr>(E))
    return Value();
  // Anything else: what its parts hold.
  Value V;
  for (const clang::Stmt *Child : E->children())
    if (const auto *CE = llvm::dyn_cast_or_null<clang::Expr>(Child))
      V.Data.merge(eval(CE).Data);
  return V;
}

} // namespace policycheck::walker
