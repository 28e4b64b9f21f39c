//===--- WalkSummaries.cpp - Summaries at calls, shared objects ------------===//
//
// A call into a function the walker has a summary of: this translation
// unit's, the program's (linked from another one), a constructor's, a
// forwarding factory's, a serializer found by argument-dependent lookup. The
// summary is instantiated with the call's arguments; a shared object's
// fields (a global's, a member's, the object of a method no call runs) hold
// what the program writes into them.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/SqlText.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclFriend.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"

#include <cstring>
#include <set>

namespace policycheck::walker {

Taint Walker::argumentData(const Value &Arg, const clang::Expr *ArgExpr,
                           const ParamUse &P) {
  if (llvm::StringRef(P.Field).startswith(ColumnField)) {
    // The argument is a query whose column the callee read: what the
    // select list names it.
    Taint Named;
    unsigned Index = 0;
    if (Arg.Text && !llvm::StringRef(P.Field).drop_front(std::strlen(ColumnField))
                         .getAsInteger(10, Index))
      if (auto Name = selectedColumn(*Arg.Text, Index))
        if (auto Fact = classifyName(*Name, NameKind::JsonKey, TypeClass::Unknown, "",
                                     ArgExpr ? ArgExpr->getBeginLoc() : clang::SourceLocation(),
                                     "the query's column"))
          Named.add(*Fact);
    // Or the caller's own parameter, a query its callers say in turn.
    if (Arg.TextParam && *Arg.TextParam < FieldTextBase)
      Named.addParam({*Arg.TextParam, P.Protected, P.Field});
    return Named;
  }
  if (P.Field == KeyField) {
    // The argument is a key the callee looked data up by: what it names.
    Taint Named;
    if (ArgExpr)
      addKeyFact(ArgExpr, Named);
    return Named;
  }
  if (P.Field.empty() || !ArgExpr)
    return Arg.Data;
  auto Key = keyOf(ArgExpr);
  if (!Key)
    return Arg.Data; // a temporary: its fields are not known one by one
  Taint Out = objectValue(*Key + P.Field).Data;
  // A field of an element of a container (`.children.text` of a tree whose
  // `children` got `push_back(leaf)`): the container holds what its
  // elements hold, not field by field.
  for (llvm::StringRef Path = P.Field; Out.empty() && Path.contains('.');) {
    Path = Path.rsplit('.').first;
    if (Path.empty())
      break;
    auto Part = Env.find(*Key + Path.str());
    if (Part != Env.end())
      Out = Part->second.Data;
  }
  // The argument may itself be the caller's parameter: pass the field on.
  // What the whole object holds is not taken: it is every field's data
  // merged (an object returned by a function), and the callee has already
  // classified the field it reads by its name.
  auto Whole = Env.find(*Key);
  if (Whole != Env.end()) {
    for (ParamUse Q : Whole->second.Data.params()) {
      Q.Field = joinFieldPath(Q.Field, P.Field);
      Out.addParam(Q);
    }
  }
  return Out;
}

const clang::CXXConstructorDecl *
Walker::forwardedConstructor(const clang::FunctionDecl *Factory, unsigned Arguments) {
  // The instantiated factory's body makes the object: its constructor call
  // is the one overload resolution picked for these arguments
  // (`std::make_unique`).
  const clang::Stmt *Body = Factory->getBody();
  std::vector<const clang::Stmt *> Work{Body};
  while (!Work.empty()) {
    const clang::Stmt *S = Work.back();
    Work.pop_back();
    if (!S)
      continue;
    if (const auto *Construct = llvm::dyn_cast<clang::CXXConstructExpr>(S))
      if (const clang::CXXConstructorDecl *Ctor = Construct->getConstructor();
          Ctor && !Ctor->isCopyOrMoveConstructor() &&
          !isOutsideProjectCode(Ctx.getSourceManager(), Ctor->getLocation()))
        return Ctor;
    for (const clang::Stmt *Child : S->children())
      Work.push_back(Child);
  }
  // One that hands the arguments on to other functions first
  // (`std::make_shared` through `allocate_shared`): the constructor of its
  // template argument that takes as many arguments.
  const clang::TemplateArgumentList *Template = Factory->getTemplateSpecializationArgs();
  if (!Template || Template->size() == 0 ||
      Template->get(0).getKind() != clang::TemplateArgument::Type)
    return nullptr;
  const auto *Made = Template->get(0).getAsType()->getAsCXXRecordDecl();
  if (!Made || !Made->hasDefinition() ||
      isOutsideProjectCode(Ctx.getSourceManager(), Made->getLocation()))
    return nullptr;
  for (const clang::CXXConstructorDecl *Ctor : Made->getDefinition()->ctors())
    if (!Ctor->isCopyOrMoveConstructor() && Ctor->getNumParams() == Arguments)
      return Ctor;
  return nullptr;
}

const clang::FunctionDecl *Walker::serializerOf(clang::QualType T) {
  const auto *Class = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Class || !(Class = Class->getDefinition()) ||
      isOutsideProjectCode(Ctx.getSourceManager(), Class->getLocation()))
    return nullptr;
  auto Fits = [&](const clang::FunctionDecl *F) {
    if (!F || !K.Models.conventions().isSerializer(F->getName()) || F->getNumParams() != 2)
      return false;
    clang::QualType Out = F->getParamDecl(0)->getType();
    const auto *In = F->getParamDecl(1)->getType().getNonReferenceType()->getAsCXXRecordDecl();
    return Out->isLValueReferenceType() && !Out.getNonReferenceType().isConstQualified() &&
           In && In->getCanonicalDecl() == Class->getCanonicalDecl();
  };
  // A hidden friend (NLOHMANN_DEFINE_TYPE_INTRUSIVE).
  for (const clang::FriendDecl *Friend : Class->friends())
    if (const auto *F = llvm::dyn_cast_or_null<clang::FunctionDecl>(Friend->getFriendDecl());
        Fits(F))
      return F;
  // Beside the class, in its namespace (NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE).
  const clang::DeclContext *Namespace = Class->getEnclosingNamespaceContext();
  for (const clang::Decl *D : Namespace->decls())
    if (const auto *F = llvm::dyn_cast<clang::FunctionDecl>(D); Fits(F))
      return F;
  return nullptr;
}

const FunctionSummary *Walker::constructorSummary(const clang::CXXConstructorDecl *Ctor) {
  if (const clang::FunctionDecl *Def = Ctor->getDefinition(); Def && State.isAnalyzable(Def))
    return &State.summaryOf(Def);
  if (!isOutsideProjectCode(Ctx.getSourceManager(), Ctor->getLocation()))
    return linkedSummary(Ctor);
  return nullptr;
}

std::vector<const FunctionSummary *>
Walker::overriderSummaries(const clang::CXXMethodDecl *Method) {
  std::vector<const FunctionSummary *> Out;
  std::set<std::string> Local;
  auto Here = State.Overriders.find(Method->getCanonicalDecl());
  if (Here != State.Overriders.end())
    for (const clang::CXXMethodDecl *Impl : Here->second) {
      Out.push_back(&State.summaryOf(Impl));
      Local.insert(State.usrOf(Impl));
    }
  if (!State.Linked)
    return Out;
  const std::string &USR = State.usrOf(Method);
  if (USR.empty())
    return Out;
  State.LookedUp.insert("o:" + USR);
  const std::vector<std::string> *There = State.Linked->overriders(USR);
  if (!There)
    return Out;
  for (const std::string &Impl : *There) {
    if (Local.count(Impl))
      continue; // this translation unit's own, analysed above
    State.LookedUp.insert("f:" + Impl);
    if (const FunctionSummary *F = State.Linked->function(Impl))
      Out.push_back(F);
  }
  return Out;
}

const FunctionSummary *Walker::linkedSummary(const clang::FunctionDecl *Callee) {
  if (!State.Linked)
    return nullptr;
  const std::string &USR = State.usrOf(Callee);
  if (USR.empty())
    return nullptr;
  State.LookedUp.insert("f:" + USR);
  return State.Linked->function(USR);
}

Value Walker::applySummary(const FunctionSummary &S,
                           const clang::Expr *E,
                           const std::vector<Value> &Args,
                           const std::vector<const clang::Expr *> &ArgExprs,
                           const Value *Receiver,
                           const clang::Expr *ReceiverExpr,
                           const clang::FunctionDecl *Callee,
                           std::map<unsigned, Taint> *WrittenUnkeyed) {
  clang::SourceLocation CallLoc = E ? E->getBeginLoc() : clang::SourceLocation();
  const clang::CXXRecordDecl *Class = summaryClass(Callee);
  bool Shared = Class && ReceiverExpr && isSharedObject(ReceiverExpr);
  auto Substitute = [&](const Taint &T) {
    Taint Out;
    for (const DataFact &F : T.facts())
      Out.add(F);
    for (const ParamUse &P : T.params()) {
      Taint Arg;
      if (P.Index == ParamUse::Receiver) {
        if (!Receiver)
          continue;
        Arg = argumentData(*Receiver, ReceiverExpr, P);
        // A global's or a member's field: what the program writes there.
        if (Arg.empty() && Shared && !P.Field.empty())
          Arg = sharedFieldWrites(ReceiverExpr, Class, P.Field).Data;
      } else if (P.Index < Args.size()) {
        Arg = argumentData(Args[P.Index],
                           P.Index < ArgExprs.size() ? ArgExprs[P.Index] : nullptr, P);
      } else {
        continue;
      }
      if (P.Protected.Hashed || P.Protected.Encrypted)
        Arg = Arg.protectedBy(P.Protected);
      Out.merge(Arg);
    }
    return Out;
  };
  if (CallLoc.isValid()) {
    for (const SinkSummary &Inner : S.Sinks) {
      Destination D = Inner.Target;
      std::optional<unsigned> UrlParam;
      if (Inner.UrlParam) {
        Value Url = textArgument(*Inner.UrlParam, Inner.UrlField, Args, ReceiverExpr, Class);
        if (Url.Text || Url.TextParam)
          D = httpDestination(Url, Inner.Target.Via, UrlParam);
        else
          D.Kind = DestinationKind::Unresolved;
      }
      std::vector<FlowStep> Path{
          {Inner.InnerLocation,
           "the data reaches '" + Inner.Target.Via + "' inside '" + S.Name + "' here",
           Inner.InnerElsewhere}};
      Taint Arrived = Substitute(Inner.Data), Data;
      for (const DataFact &F : Arrived.facts())
        if (!Inner.reportedInside(F))
          Data.add(F);
      for (const ParamUse &P : Arrived.params())
        Data.addParam(P);
      sink(CallLoc, D, UrlParam, Inner.UrlPath, Data, Path, Inner.ReportVendor,
           Inner.ReportCategories);
    }
  }
  // What the method left in its object's fields is now in the caller's.
  if (ReceiverExpr)
    if (auto Key = keyOf(ReceiverExpr))
      for (const ReceiverWrite &W : S.ReceiverWrites) {
        Taint Written = Substitute(W.Data);
        Value &Field = Env[*Key + W.Field];
        if (!Written.empty())
          Field.Data.merge(Written);
        // Its text, for a later call that reads the field (`send()`).
        if (W.Text) {
          Field.Text = W.Text;
          Field.TextParam.reset();
        } else if (W.TextParam && *W.TextParam < Args.size()) {
          Field.Text = Args[*W.TextParam].Text;
          Field.TextParam = Args[*W.TextParam].TextParam;
          // For the program's methods that read the field with no caller
          // to say (a setter's constant: `setBaseUrl("https://...")`).
          const Value &Given = Args[*W.TextParam];
          State.recordFieldWrite(State.fieldKey(Class, W.Field), Written, Given.Text,
                                 !Given.Text && !Given.TextParam);
          continue;
        }
        State.recordFieldWrite(State.fieldKey(Class, W.Field), Written, std::nullopt,
                               false);
      }
  // What it wrote through reference and pointer parameters is now in the
  // caller's arguments (`fill(body, user)`, `fill(&body, user)`).
  for (const ParamWrite &W : S.ParamWrites)
    if (W.Index < ArgExprs.size() && !ArgExprs[W.Index] && WrittenUnkeyed)
      // An object the caller is making (a JSON value its serializer fills).
      (*WrittenUnkeyed)[W.Index].merge(Substitute(W.Data));
    else if (W.Index < ArgExprs.size() && ArgExprs[W.Index])
      if (auto Key = keyOf(ArgExprs[W.Index])) {
        Taint Written = Substitute(W.Data);
        if (!Written.empty()) {
          Env[*Key + W.Field].Data.merge(Written);
          // A writer or a node handed to the helper writes into what it
          // is a handle into (`write_profile(writer, p)` fills the buffer).
          intoOwners(*Key + W.Field, Written);
        }
      }
  Value Result;
  Result.Data = Substitute(S.Returns);
  if (S.ReturnText)
    Result.Text = S.ReturnText;
  else if (S.ReturnTextParam) {
    Value Text = textArgument(*S.ReturnTextParam, S.ReturnTextField, Args, ReceiverExpr,
                              Class);
    Result.Text = Text.Text;
    Result.TextParam = Text.TextParam;
  }
  return Result;
}

unsigned Walker::receiverFieldText(const std::string &Field) {
  for (unsigned I = 0; I < ReceiverTextFields.size(); ++I)
    if (ReceiverTextFields[I] == Field)
      return FieldTextBase + I;
  ReceiverTextFields.push_back(Field);
  return FieldTextBase + unsigned(ReceiverTextFields.size() - 1);
}

unsigned Walker::summaryTextParam(unsigned TextParam, std::string &Field) const {
  if (TextParam < FieldTextBase || TextParam - FieldTextBase >= ReceiverTextFields.size())
    return TextParam;
  Field = ReceiverTextFields[TextParam - FieldTextBase];
  return ParamUse::Receiver;
}

Value Walker::textArgument(unsigned Index, const std::string &Field,
                           const std::vector<Value> &Args,
                           const clang::Expr *ReceiverExpr,
                           const clang::CXXRecordDecl *ReceiverClass) {
  if (Index != ParamUse::Receiver)
    return Index < Args.size() ? Args[Index] : Value();
  if (!ReceiverExpr)
    return Value();
  if (auto Key = keyOf(ReceiverExpr)) {
    auto It = Env.find(*Key + Field);
    if (It != Env.end())
      return It->second;
    // The caller's own object, in a method: its field's text is its
    // caller's to say in turn.
    if (*Key == "this" && !isEntry()) {
      Value Passed;
      Passed.TextParam = receiverFieldText(Field);
      return Passed;
    }
  }
  // A global's or a member's field: the one text the program writes there.
  Value Shared;
  if (ReceiverClass && isSharedObject(ReceiverExpr))
    Shared.Text = sharedFieldWrites(ReceiverExpr, ReceiverClass, Field).text();
  return Shared;
}

bool Walker::isEntry() {
  if (!Entry)
    Entry = !State.isCalled(llvm::cast<clang::CXXMethodDecl>(FD));
  return *Entry;
}

FieldWrites Walker::sharedFieldWrites(const clang::Expr *ReceiverExpr,
                                      const clang::CXXRecordDecl *ReceiverClass,
                                      const std::string &Field) {
  // A member of this object (`client_`): what the program writes into this
  // class's member first, then what it writes into any object of its class.
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
  if (auto Key = keyOf(ReceiverExpr);
      Key && Method && llvm::StringRef(*Key).startswith("this.")) {
    FieldWrites Own = State.fieldWrites(
        State.fieldKey(Method->getParent(), Key->substr(4) + Field));
    if (!Own.Data.empty() || !Own.Texts.empty() || Own.RunTimeText)
      return Own;
  }
  return State.fieldWrites(State.fieldKey(ReceiverClass, Field));
}

const clang::CXXRecordDecl *Walker::summaryClass(const clang::FunctionDecl *Callee) {
  const auto *Method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(Callee);
  return Method && Method->isInstance() ? Method->getParent() : nullptr;
}

bool Walker::isSharedObject(const clang::Expr *E) {
  unsigned Members = 0;
  for (E = strip(E); E;) {
    if (const auto *M = llvm::dyn_cast<clang::MemberExpr>(E)) {
      if (!llvm::isa<clang::FieldDecl>(M->getMemberDecl()))
        return false;
      ++Members;
      E = strip(M->getBase());
      continue;
    }
    // Through a pointer or a smart pointer: the object it points to.
    if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E);
        Op && Op->getNumArgs() == 1 &&
        (Op->getOperator() == clang::OO_Arrow || Op->getOperator() == clang::OO_Star)) {
      E = strip(Op->getArg(0));
      continue;
    }
    if (const auto *Deref = llvm::dyn_cast<clang::UnaryOperator>(E);
        Deref && Deref->getOpcode() == clang::UO_Deref) {
      E = strip(Deref->getSubExpr());
      continue;
    }
    if (llvm::isa<clang::CXXThisExpr>(E))
      // A member of this object is shared by every method; the object
      // itself, where no caller says what it holds.
      return Members > 0 || !Env.count("this") || isEntry();
    if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(E))
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(Ref->getDecl()))
        return VD->hasGlobalStorage() && !VD->isStaticLocal();
    return false;
  }
  return false;
}

} // namespace policycheck::walker
