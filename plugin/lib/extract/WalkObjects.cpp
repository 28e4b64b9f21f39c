//===--- WalkObjects.cpp - Objects and fields ----------------------------===//
//
// What objects and their fields hold: member reads, field text, assignment,
// data written into an object, initializer lists and constructors.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace policycheck::walker {

Value Walker::objectValue(const std::string &Key) {
  // A whole object holds what its fields and keys hold.
  Value V;
  auto It = Env.find(Key);
  if (It != Env.end())
    V = It->second;
  // Fields (`Key.f`) and keys (`Key[k]`) each sort together after Key.
  for (const char *Separator : {".", "["}) {
    std::string Prefix = Key + Separator;
    for (auto I = Env.lower_bound(Prefix);
         I != Env.end() && llvm::StringRef(I->first).startswith(Prefix); ++I)
      V.Data.merge(I->second.Data);
  }
  return V;
}

Value Walker::evalMember(const clang::MemberExpr *E) {
  const auto *Field = llvm::dyn_cast<clang::FieldDecl>(E->getMemberDecl());
  if (!Field) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(E->getMemberDecl())) {
      Value V;
      V.Text = constantText(VD);
      if (auto Fact = declFact(VD, NameKind::Identifier,
                               classifyType(VD->getType()), "",
                               E->getMemberLoc(), "the member"))
        V.Data.add(*Fact);
      return V;
    }
    return Value();
  }
  auto Key = keyOf(E);
  Value V = Key ? objectValue(*Key) : Value();
  bool Known = Key && Env.count(*Key);
  std::string Owner = Field->getParent()->getNameAsString();
  if (auto Fact = declFact(Field, NameKind::Identifier,
                           classifyType(Field->getType()), Owner,
                           E->getMemberLoc(), "the field"))
    if (!V.Data.hasCategory(Fact->Category))
      V.Data.add(*Fact);
  if (!Known) {
    V.Text = fieldText(Field);
    // A field of this method's object whose text only the caller's object
    // knows (`base_`, set by `setBaseUrl` before `send()`).
    if (Key && llvm::StringRef(*Key).startswith("this.") && Env.count("this") &&
        isEntry()) {
      // A method no call runs (a slot, a callback): no caller says what its
      // object holds, so its fields hold what the program writes there.
      FieldWrites Written = State.fieldWrites(
          State.fieldKey(llvm::cast<clang::CXXMethodDecl>(FD)->getParent(), Key->substr(4)));
      for (const DataFact &F : Written.Data.facts())
        if (!V.Data.hasCategory(F.Category))
          V.Data.add(F);
      if (!V.Text)
        V.Text = Written.text();
    }
    if (!V.Text && Key && Env.count("this") && llvm::StringRef(*Key).startswith("this."))
      V.TextParam = receiverFieldText(Key->substr(4));
    // A field of a parameter carries what that field of the argument
    // carries at the call site.
    Value Base = eval(E->getBase());
    for (ParamUse P : Base.Data.params()) {
      P.Field = joinFieldPath(P.Field, "." + Field->getNameAsString());
      V.Data.addParam(P);
    }
    // A library object's iterator or pointer into what the object holds
    // (the `i` of the container Q_FOREACH walks) reads what it holds.
    if (pointsIntoItsObject(Field))
      for (const DataFact &F : Base.Data.facts())
        V.Data.add(F);
  }
  return V;
}

bool Walker::pointsIntoItsObject(const clang::FieldDecl *Field) {
  if (!isOutsideProjectCode(Ctx.getSourceManager(), Field->getLocation()))
    return false;
  clang::QualType T = Field->getType();
  if (T->isPointerType())
    return !T->getPointeeType()->isFunctionType();
  const auto *Record = T->getAsCXXRecordDecl();
  return Record && Record->getName().endswith("iterator");
}

std::optional<std::string> Walker::fieldText(const clang::FieldDecl *Field) {
  auto FT = State.FieldText.find(Field);
  if (FT != State.FieldText.end())
    return FT->second;
  if (!Field->hasInClassInitializer() || Field->getParent()->isDependentContext())
    return std::nullopt;
  auto [It, First] = State.InClassFieldText.try_emplace(Field);
  if (First) // evaluated once; the entry guards against cycles meanwhile
    It->second = eval(Field->getInClassInitializer()).Text;
  return It->second; // map iterators stay valid while eval inserts
}

void Walker::assign(const clang::Expr *Target, Value V, bool Merge) {
  const clang::Expr *T = strip(Target);
  // `json["email"] = value`: the key names the value.
  if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(T))
    if (Op->getOperator() == clang::OO_Subscript && Op->getNumArgs() == 2 &&
        mayHoldUserData(V))
      if (const auto *Lit =
              narrowLiteral((Op->getArg(1))))
        if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                     TypeClass::Unknown, "", Lit->getBeginLoc(),
                                     "the key"))
          V.Data.add(*Fact);
  auto Key = keyOf(T);
  if (!Key)
    return;
  if (Merge && Env.count(*Key)) {
    Env[*Key].Data.merge(V.Data);
    Env[*Key].Text.reset();
    intoOwners(*Key, V.Data);
    return;
  }
  if (Merge)
    intoOwners(*Key, V.Data);
  Env[*Key] = std::move(V);
}

void Walker::addDataInto(const clang::Expr *Target, const Value &Current,
                         const Taint &Data) {
  if (Data.empty())
    return;
  auto Key = objectKey(Target, &Current);
  if (!Key)
    return;
  auto It = Env.find(*Key);
  if (It == Env.end())
    It = Env.emplace(*Key, keyOf(Target) ? Current : Value()).first;
  It->second.Data.merge(Data);
  intoOwners(*Key, Data);
}

void Walker::intoOwners(const std::string &Key, const Taint &Data) {
  if (Data.empty())
    return;
  std::string At = Key;
  // A few levels (a text node in an element in the root in the document);
  // a cycle of handles ends there too.
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    auto It = Env.find(At);
    if (It == Env.end() || It->second.HandleOf.empty() || It->second.HandleOf == At)
      return;
    At = It->second.HandleOf;
    Env[At].Data.merge(Data);
  }
}

std::optional<std::string> Walker::objectKey(const clang::Expr *E, const Value *V) {
  if (E)
    if (auto Key = keyOf(E))
      return Key;
  if (V && !V->HandleOf.empty())
    return V->HandleOf;
  return std::nullopt;
}

Value Walker::evalInitList(const clang::InitListExpr *E) {
  Value V;
  // {"email", value} pairs: the key names the value (JSON objects, maps).
  if (E->getNumInits() == 2)
    if (const auto *Lit =
            narrowLiteral((E->getInit(0)))) {
      Value Stored = eval(E->getInit(1));
      if (mayHoldUserData(Stored))
        if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                     TypeClass::Unknown, "", Lit->getBeginLoc(),
                                     "the key"))
          V.Data.add(*Fact);
      V.Data.merge(Stored.Data);
      return V;
    }
  for (const clang::Expr *Init : E->inits())
    V.Data.merge(eval(Init).Data);
  return V;
}

Value Walker::evalConstruct(const clang::CXXConstructExpr *E) {
  Value V;
  const clang::CXXConstructorDecl *Ctor = E->getConstructor();
  // A standard container or string sized by a number (`std::string out(n,
  // '\0')`) holds none of that number's data; a std::optional, pair, tuple
  // or variant of a number holds that number.
  llvm::StringRef Made = Ctor->getParent()->getName();
  bool StandardType = qualifiedName(*Ctor->getParent()).rfind("std::", 0) == 0 &&
                      Made != "optional" && Made != "pair" && Made != "tuple" &&
                      Made != "variant";
  std::vector<Value> Args;
  for (const clang::Expr *Arg : E->arguments()) {
    Value A = eval(Arg);
    if (StandardType && isDataFreeType(Arg->getType()))
      A = Value();
    Args.push_back(std::move(A));
  }
  // The object holds what it was made from.
  for (Value &A : Args)
    V.Data.merge(A.Data);
  if (std::optional<Value> Cookie = cookieObject(E, Args))
    return *Cookie;
  std::string Name = qualifiedName(*Ctor);
  // A constructor the policy names (`code: sinks`, `sources`, `transforms`)
  // or the code annotates is that, where the object is made.
  if (!Ctor->isCopyOrMoveConstructor()) {
    Value Modelled;
    if (applyPolicyModels(Name, Ctor, E, Args, Modelled)) {
      V.Data.merge(Modelled.Data);
      return V;
    }
  }
  const FunctionModel *M = K.Models.find(Name);
  // A copy is not a new request, query or binding.
  if (M && !Ctor->isCopyOrMoveConstructor()) {
    std::vector<const clang::Expr *> ArgExprs(E->arg_begin(), E->arg_end());
    switch (M->Role) {
    case ModelRole::UrlBinding:
      // `QUrl(url)`, `HTTPRequest(method, uri)`: the object is bound to the
      // URL's text and holds its data (a query string).
      if (M->UrlArgument && *M->UrlArgument < Args.size()) {
        V.Text = Args[*M->UrlArgument].Text;
        V.TextParam = Args[*M->UrlArgument].TextParam;
      }
      return V;
    case ModelRole::Handle:
      // `Writer<StringBuffer> writer(buffer)`: what is written into the
      // object goes into the argument.
      if (M->Into && *M->Into < ArgExprs.size())
        if (auto Into = objectKey(ArgExprs[*M->Into], &Args[*M->Into]))
          V.HandleOf = *Into;
      return V;
    case ModelRole::Sink:
      // `QSqlQuery query(sql)` runs the query it is made with.
      applyFunctionModel(*M, E, Args, ArgExprs, nullptr, Name);
      return V;
    default:
      break;
    }
  }
  // `nlohmann::json j = profile`: a value made from an object of the
  // program holds what the program's serializer writes into it, and not the
  // rest of the object (a `to_json` that leaves the email out).
  if (writtenArguments(E) == 1 && E->getNumArgs() >= 1 && !Ctor->isCopyOrMoveConstructor() &&
      K.Models.conventions().isValueType(Made))
    if (const clang::FunctionDecl *Serializer = serializerOf(E->getArg(0)->getType())) {
      const clang::FunctionDecl *Def = Serializer->getDefinition();
      const FunctionSummary *S = Def && State.isAnalyzable(Def) ? &State.summaryOf(Def)
                                                                 : linkedSummary(Serializer);
      if (S) {
        std::map<unsigned, Taint> Written;
        applySummary(*S, E, {Value(), Args.front()}, {nullptr, E->getArg(0)}, nullptr,
                     nullptr, Serializer, &Written);
        Value Serialized;
        Serialized.Data = Written[0];
        return Serialized;
      }
    }
  // A conversion (`std::string(kHost)`, its allocator defaulted) keeps the
  // text of what it converts.
  if (writtenArguments(E) == 1 && !Args.empty()) {
    V.Text = Args.front().Text;
    V.TextParam = Args.front().TextParam;
  }
  if (Ctx.getLangOpts().CPlusPlus && Ctor->getParent()) {
    // A constructor the program defines, here or in another file: its
    // summary, sinks included, applies where the object is made
    // (`Session s(user)` whose constructor posts what it is given).
    if (const FunctionSummary *S = constructorSummary(Ctor)) {
      std::vector<const clang::Expr *> ArgExprs(E->arg_begin(), E->arg_end());
      Value Summarized = applySummary(*S, E, Args, ArgExprs);
      V.Data.merge(Summarized.Data);
    }
  }
  return V;
}

} // namespace policycheck::walker
