//===--- WalkCalls.cpp - Calls and library models ------------------------===//
//
// A call is a policy model, a library model, a summary of a function the
// program defines (WalkSummaries.cpp), or a guess at one it cannot see.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/SqlText.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"


namespace policycheck::walker {

Value Walker::evalCall(const clang::CallExpr *E) {
  const clang::FunctionDecl *Callee = E->getDirectCallee();
  const Value *ReceiverPtr = nullptr;
  Value Receiver;
  const clang::Expr *ReceiverExpr = nullptr;
  unsigned FirstArg = 0;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    ReceiverExpr = MC->getImplicitObjectArgument();
  } else if (llvm::isa<clang::CXXOperatorCallExpr>(E)) {
    // A member operator's object is its first argument.
    if (Callee && llvm::isa<clang::CXXMethodDecl>(Callee) && E->getNumArgs() > 0) {
      ReceiverExpr = E->getArg(0);
      FirstArg = 1;
    }
  }
  // A lambda given to a standard algorithm, or called where it is written,
  // runs here, under the consent checks known true here; any other (a
  // route's handler, a slot, a timer's) runs later, when they may not be.
  bool Outer = LambdaRunsHere;
  LambdaRunsHere = runsLambdasHere(Callee);
  if (ReceiverExpr) {
    Receiver = eval(ReceiverExpr);
    ReceiverPtr = &Receiver;
  }
  std::vector<Value> Args;
  std::vector<const clang::Expr *> ArgExprs;
  for (unsigned I = FirstArg; I < E->getNumArgs(); ++I) {
    ArgExprs.push_back(E->getArg(I));
    Args.push_back(eval(E->getArg(I)));
  }
  LambdaRunsHere = Outer;
  if (!Callee) {
    Value V;
    for (const Value &A : Args)
      V.Data.merge(A.Data);
    return V;
  }
  std::string Name = qualifiedName(*Callee);
  Value Result;
  // Every call into the project's own functions is a way into them, for
  // consent, whatever models it: a `code: sinks` function's own body runs.
  recordCall(Callee, E);
  noteConsentCheckCall(Name, E);
  if (cookieCall(Name, E, Args, ArgExprs, ReceiverExpr, ReceiverPtr))
    return Result;
  // `out.write(buf, n)` and `out.put(c)` on a stream, as `out << buf`.
  if (ReceiverExpr && (Callee->getName() == "write" || Callee->getName() == "put"))
    if (streamSink(E, ReceiverExpr, Args))
      return Value();
  if (applyPolicyModels(Name, Callee, E, Args, Result))
    return Result;
  if (K.Models.conventions().isForwardingFactory(Name))
    if (const clang::CXXConstructorDecl *Made = forwardedConstructor(Callee, Args.size())) {
      // `std::make_unique<Session>(user)`: Session's constructor runs here,
      // with these arguments; the object holds what it was made from.
      for (const Value &A : Args)
        Result.Data.merge(A.Data);
      Value Modelled;
      if (applyPolicyModels(qualifiedName(*Made), Made, E, Args, Modelled))
        Result.Data.merge(Modelled.Data);
      else if (const FunctionSummary *S = constructorSummary(Made))
        Result.Data.merge(applySummary(*S, E, Args, ArgExprs).Data);
      return Result;
    }
  if (const FunctionModel *M = K.Models.find(Name))
    return applyFunctionModel(*M, E, Args, ArgExprs, ReceiverPtr, Name);

  const clang::FunctionDecl *Def = Callee->getDefinition();
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Callee);
  bool Dispatched = Method && Method->isVirtual() && (!Def || Method->isPure());
  std::vector<const FunctionSummary *> Implementations;
  if (Dispatched)
    Implementations = overriderSummaries(Method);
  const FunctionSummary *Elsewhere = nullptr;
  if (Implementations.empty() && !(Def && State.isAnalyzable(Def)) &&
      !isOutsideProjectCode(Ctx.getSourceManager(), Callee->getLocation()))
    Elsewhere = linkedSummary(Callee);
  bool Summarized = !Implementations.empty() || (Def && State.isAnalyzable(Def)) ||
                    Elsewhere;
  if (!Implementations.empty()) {
    // A call through an interface (`sink.send(event)`, `EventSink::send`
    // pure virtual): the implementations the program defines are what it
    // runs.
    for (const FunctionSummary *Impl : Implementations) {
      Value One =
          applySummary(*Impl, E, Args, ArgExprs, ReceiverPtr, ReceiverExpr, Callee);
      Result.Data.merge(One.Data);
    }
  } else if (Def && State.isAnalyzable(Def)) {
    Result = applySummary(State.summaryOf(Def), E, Args, ArgExprs, ReceiverPtr,
                          ReceiverExpr, Callee);
  } else if (Elsewhere) {
    // Defined in another translation unit of the program: its summary, as
    // if its body were here.
    Result = applySummary(*Elsewhere, E, Args, ArgExprs, ReceiverPtr, ReceiverExpr,
                          Callee);
  } else {
    // A function policycheck cannot see into: its result carries what went
    // in, unless it is only a number, a flag or nothing.
    llvm::StringRef Short = Callee->getName();
    // A value read out as a number is still the value (`j.get<double>()`,
    // `v.toDouble()`, `row[2].as<int>()`): a weight or a heart rate.
    // So is the number an optional or a smart pointer holds (`*reading`).
    clang::OverloadedOperatorKind Op = Callee->getOverloadedOperator();
    bool NumberOfTheObject = ReceiverPtr && !E->getType()->isBooleanType() &&
                             (K.Models.conventions().isValueRead(Short) ||
                              Op == clang::OO_Star || Op == clang::OO_Arrow);
    if (!isDataFreeType(E->getType()) || NumberOfTheObject) {
      for (const Value &A : Args)
        Result.Data.merge(A.Data);
      if (ReceiverPtr)
        Result.Data.merge(ReceiverPtr->Data);
      Result.Guessed = !Result.Data.empty() && !llvm::isa<clang::CXXMethodDecl>(Callee) &&
                       !isOutsideProjectCode(Ctx.getSourceManager(), Callee->getLocation());
    }
    // A lookup by a literal key reads what the key names, as `j["email"]`
    // does: `j.value("email", "")`, `j.at("weight_kg")`, `settings.value(
    // "user/email")`, `pt.get<std::string>("account.email")`.
    if (ReceiverPtr && !ArgExprs.empty() &&
        K.Models.conventions().isKeyLookup(Short, E->getType()->isRecordType()) &&
        !E->getType()->isBooleanType() && !E->getType()->isVoidType())
      addKeyFact(ArgExprs.front(), Result.Data);
    // Text accessors and conversions keep the text: `url.c_str()`, a
    // std::string passed as a std::string_view.
    if (ReceiverPtr && (Short == "c_str" || Short == "data" || Short == "str" ||
                        Short == "string" || Short == "toStdString" ||
                        llvm::isa<clang::CXXConversionDecl>(Callee))) {
      Result.Text = ReceiverPtr->Text;
      Result.TextParam = ReceiverPtr->TextParam;
    }
    if (Short == "append" && ReceiverExpr && !Args.empty()) {
      Value Appended = Args.front();
      assign(ReceiverExpr, Appended, /*Merge=*/true);
    }
    if ((Short == "push_back" || Short == "emplace_back" || Short == "insert" ||
         Short == "emplace" || Short == "push") &&
        ReceiverExpr) {
      Value Added;
      for (const Value &A : Args)
        Added.Data.merge(A.Data);
      assign(ReceiverExpr, Added, /*Merge=*/true);
    }
    // A setter writes into its object (`request.setRawHeader("X-Email",
    // email)`, `req.set(field::host, host)`, `put.SetBody(stream)`); what
    // the object was bound to (its URL) stays.
    if (ReceiverExpr && Method && !Method->isConst() &&
        K.Models.conventions().isSetter(Short)) {
      Taint Added;
      for (const Value &A : Args)
        Added.merge(A.Data);
      addDataInto(ReceiverExpr, Receiver, Added);
    }
  }
  // A method or function named for what it returns: `user.email()`. Not
  // one whose body is known to return a constant of the code
  // (`owner_email()` returning the operator's address): constants are not
  // user data, whatever their name.
  bool ReturnsConstant = Summarized && Result.Text && Result.Data.empty();
  if (!ReturnsConstant &&
      (!isDataFreeType(E->getType()) || classifyType(E->getType()) == TypeClass::Integer)) {
    std::string Owner;
    if (Method)
      Owner = Method->getParent()->getNameAsString();
    if (auto Fact = declFact(Callee, NameKind::Method,
                             classifyType(E->getType()), Owner,
                             E->getBeginLoc(), "the call to"))
      if (!Result.Data.hasCategory(Fact->Category))
        Result.Data.add(*Fact);
  }
  return Result;
}

bool Walker::applyPolicyModels(const std::string &Name, const clang::FunctionDecl *Callee,
                               const clang::Expr *E,
                               const std::vector<Value> &Args, Value &Result) {
  const Policy &P = *K.ThePolicy;
  if (Callee) {
    const DeclAnnotations &A = State.annotationsOf(Callee);
    if (A.Transform) {
      Taint In;
      for (const Value &Arg : Args)
        In.merge(Arg.Data);
      Result.Data = *A.Transform == TransformResult::Hashed
                        ? In.protectedBy(Protection::hashed(A.TransformStrength, Name))
                        : In.transformed(*A.Transform);
      return true;
    }
    if (A.Sink) {
      applySinkModel(*A.Sink, Name, E, Args);
      return true;
    }
  }
  for (const SourceModel &M : P.sourceModels())
    if (matchesQualifiedNamePattern(M.Function, Name)) {
      DataFact Fact;
      Fact.Category = M.Category;
      Fact.Origin = E->getBeginLoc();
      Fact.How = "the call to '" + Name + "' (a source in the policy's code models)";
      Result.Data.add(Fact);
      return true;
    }
  for (const TransformModel &M : P.transformModels())
    if (matchesQualifiedNamePattern(M.Function, Name)) {
      Taint In;
      for (const Value &A : Args)
        In.merge(A.Data);
      Result.Data = M.Result == TransformResult::Hashed
                        ? In.protectedBy(Protection::hashed(M.Strength, Name))
                        : In.transformed(M.Result);
      return true;
    }
  for (const SinkModel &M : P.sinkModels()) {
    if (!matchesQualifiedNamePattern(M.Function, Name))
      continue;
    applySinkModel(M, Name, E, Args);
    return true;
  }
  return false;
}

void Walker::applySinkModel(const SinkModel &M, const std::string &Name,
                            const clang::Expr *E,
                            const std::vector<Value> &Args) {
  {
    Taint Data;
    for (unsigned I = 0; I < Args.size(); ++I) {
      if (M.SinkKind == SinkModel::Kind::Url && I == M.UrlArgument)
        continue;
      if (M.Arguments.empty() || llvm::is_contained(M.Arguments, I))
        Data.merge(Args[I].Data);
    }
    Destination D;
    D.Via = Name;
    std::optional<unsigned> UrlParam;
    switch (M.SinkKind) {
    case SinkModel::Kind::Vendor:
      D.Kind = DestinationKind::Sdk;
      D.VendorId = M.VendorId;
      break;
    case SinkModel::Kind::Storage:
      D.Kind = DestinationKind::Storage;
      break;
    case SinkModel::Kind::Log:
      D.Kind = DestinationKind::Log;
      break;
    case SinkModel::Kind::Url:
      D = M.UrlArgument < Args.size()
              ? httpDestination(Args[M.UrlArgument], Name, UrlParam)
              : Destination();
      break;
    }
    sink(E->getBeginLoc(), D, UrlParam, "", Data);
  }
}

Value Walker::applyFunctionModel(const FunctionModel &M, const clang::Expr *E,
                                 const std::vector<Value> &Args,
                                 const std::vector<const clang::Expr *> &ArgExprs,
                                 const Value *Receiver, const std::string &Name) {
  Value Result;
  auto Gather = [&](const ArgumentSet &Set, std::optional<unsigned> Skip) {
    Taint T;
    for (unsigned I = 0; I < Args.size(); ++I)
      if (Set.contains(I) && I != Skip)
        T.merge(Args[I].Data);
    return T;
  };
  auto WriteInto = [&](unsigned Index, const Value &V) {
    if (Index < ArgExprs.size())
      assign(ArgExprs[Index], V, /*Merge=*/true);
  };
  const clang::Expr *ReceiverExpr = nullptr;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
    ReceiverExpr = MC->getImplicitObjectArgument();
  switch (M.Role) {
  case ModelRole::Sink: {
    Destination D;
    D.Via = Name;
    std::optional<unsigned> UrlParam;
    std::string Path;
    Taint Data = Gather(M.Arguments, M.UrlFromReceiver ? std::nullopt : M.UrlArgument);
    bool ReportCategories = true;
    switch (M.Sink) {
    case SinkKind::Log:
      D.Kind = DestinationKind::Log;
      break;
    case SinkKind::Storage:
      D.Kind = DestinationKind::Storage;
      D.ExpiresAfterMillis = storageExpiry(M, Args, ArgExprs, Data, ReportCategories);
      break;
    case SinkKind::Vendor:
      D.Kind = DestinationKind::Sdk;
      D.VendorId = M.VendorId;
      break;
    case SinkKind::Stream: {
      D.Kind = DestinationKind::Storage;
      if (M.StreamArgument && *M.StreamArgument < ArgExprs.size())
        if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(
                strip(ArgExprs[*M.StreamArgument])))
          if (const StreamModel *S =
                  K.Models.streamForObject(qualifiedName(*DRE->getDecl())))
            if (S->Kind == StreamKind::Log)
              D.Kind = DestinationKind::Log;
      break;
    }
    case SinkKind::Http: {
      Value Url;
      if (M.UrlFromReceiver && Receiver) {
        Url = *Receiver;
        if (M.UrlArgument && *M.UrlArgument < Args.size()) {
          const Value &PathValue = Args[*M.UrlArgument];
          // A full URL in the path argument overrides the bound base.
          if (PathValue.Text && !hostOfUrl(*PathValue.Text).empty())
            Url = PathValue;
          else if (PathValue.Text)
            Path = *PathValue.Text;
          Data.merge(PathValue.Data); // a query string can carry data
        }
      } else if (M.UrlArgument && *M.UrlArgument < Args.size()) {
        // The URL itself, or an object it was bound to (a QNetworkRequest).
        Url = Args[*M.UrlArgument];
        Data.merge(Url.Data);
      }
      D = httpDestination(Url, Name, UrlParam);
      break;
    }
    }
    sink(E->getBeginLoc(), D, UrlParam, Path, Data, {}, true, ReportCategories);
    if (M.ReturnsBodyStream)
      Result.Stream = std::make_shared<BodyStream>(BodyStream{D, UrlParam, Path});
    return Result;
  }
  case ModelRole::Source: {
    if (M.ColumnArgument) {
      // A column of the rows of a query: what the select list names it.
      Value V;
      if (*M.StatementArgument < Args.size() && *M.ColumnArgument < ArgExprs.size()) {
        const Value &Statement = Args[*M.StatementArgument];
        clang::Expr::EvalResult Column;
        if (ArgExprs[*M.ColumnArgument]->EvaluateAsInt(Column, Ctx)) {
          unsigned Index = unsigned(Column.Val.getInt().getLimitedValue(4096));
          if (Statement.Text) {
            if (auto Name = selectedColumn(*Statement.Text, Index))
              if (auto Fact = classifyName(*Name, NameKind::JsonKey, TypeClass::Unknown, "",
                                           E->getBeginLoc(), "the query's column"))
                V.Data.add(*Fact);
          } else if (Statement.TextParam && *Statement.TextParam < Walker::FieldTextBase) {
            // `read_column(sql, id)`: the query is the caller's to say.
            V.Data.addParam({*Statement.TextParam, Protection(),
                             ColumnField + std::to_string(Index)});
          }
        }
      }
      if (M.Into)
        WriteInto(*M.Into, V);
      else
        Result = V;
      return Result;
    }
    DataFact Fact;
    Fact.Category = M.Category;
    Fact.Origin = E->getBeginLoc();
    Fact.How = "the call to '" + Name + "' (" + M.Library + ")";
    Value V;
    V.Data.add(Fact);
    if (M.Into)
      WriteInto(*M.Into, V);
    else
      Result = V;
    return Result;
  }
  case ModelRole::Transform:
  case ModelRole::Propagate: {
    std::optional<std::string> Object =
        M.IntoReceiver ? objectKey(ReceiverExpr, Receiver) : std::nullopt;
    if (M.KeyOfNext) {
      // `writer.Key("email")`: it names the value written next.
      if (Object && !ArgExprs.empty())
        if (const auto *Lit = narrowLiteral(ArgExprs.front()))
          PendingKeys[*Object] = Lit;
      return Result;
    }
    Value V;
    V.Data = Gather(M.From, std::nullopt);
    if (M.FromReceiver && Receiver)
      V.Data.merge(Receiver->Data);
    if (M.Role == ModelRole::Transform && M.Result == TransformResult::Hashed)
      V.Data = V.Data.protectedBy(hashOf(M, Name, Args, ArgExprs));
    else if (M.Role == ModelRole::Transform)
      V.Data = V.Data.transformed(M.Result);
    if (M.KeyArgument && *M.KeyArgument < ArgExprs.size())
      if (const auto *Lit = narrowLiteral((ArgExprs[*M.KeyArgument])))
        if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                     TypeClass::Unknown, "", Lit->getBeginLoc(),
                                     "the key"))
          V.Data.add(*Fact);
    if (M.FormatArgument && *M.FormatArgument < Args.size() &&
        Args[*M.FormatArgument].Text)
      V.Text = M.PrintfFormat
                   ? printfText(*Args[*M.FormatArgument].Text, Args, *M.FormatArgument + 1)
                   : formatText(*Args[*M.FormatArgument].Text, Args, *M.FormatArgument + 1);
    if (M.Role == ModelRole::Propagate && M.From.Indices.size() == 1 &&
        !M.From.AllFrom && M.From.Indices[0] < Args.size()) {
      V.Text = Args[M.From.Indices[0]].Text;
      V.TextParam = Args[M.From.Indices[0]].TextParam;
    }
    // The value a writer was given a key for: named by it, unless it is a
    // constant of the code.
    if (Object)
      if (auto Pending = PendingKeys.find(*Object); Pending != PendingKeys.end()) {
        if (mayHoldUserData(V))
          if (auto Fact = classifyName(Pending->second->getString(), NameKind::JsonKey,
                                       TypeClass::Unknown, "", Pending->second->getBeginLoc(),
                                       "the key"))
            V.Data.add(*Fact);
        PendingKeys.erase(Pending);
      }
    if (M.Into && M.FormatArgument && *M.Into < ArgExprs.size())
      assign(ArgExprs[*M.Into], V, /*Merge=*/false); // formatting overwrites
    else if (M.Into)
      WriteInto(*M.Into, V);
    if (M.IntoReceiver && ReceiverExpr) {
      if (keyOf(ReceiverExpr))
        assign(ReceiverExpr, V, /*Merge=*/true);
      else if (Receiver) // a temporary handle: `node.text().set(email)`
        addDataInto(ReceiverExpr, *Receiver, V.Data);
    }
    Result = V;
    return Result;
  }
  case ModelRole::Handle: {
    // `doc.append_child("user")`, `node.text()`: a part of the object called
    // (or of an argument), empty so far, that writes into it.
    std::optional<std::string> Into;
    if (M.IntoReceiver)
      Into = objectKey(ReceiverExpr, Receiver);
    else if (M.Into && *M.Into < ArgExprs.size())
      Into = objectKey(ArgExprs[*M.Into], &Args[*M.Into]);
    if (Into)
      Result.HandleOf = *Into;
    return Result;
  }
  case ModelRole::Attach: {
    // `parent.appendChild(child)`: the child's data is in the parent now,
    // and what is put into the child later will be too.
    Taint Added = Gather(M.From, std::nullopt);
    if (ReceiverExpr && Receiver)
      addDataInto(ReceiverExpr, *Receiver, Added);
    if (auto Parent = objectKey(ReceiverExpr, Receiver))
      for (unsigned I = 0; I < ArgExprs.size(); ++I)
        if (M.From.contains(I))
          if (auto Child = keyOf(ArgExprs[I]); Child && *Child != *Parent) {
            auto It = Env.find(*Child);
            if (It == Env.end())
              It = Env.emplace(*Child, Args[I]).first;
            It->second.HandleOf = *Parent;
          }
    Result.Data = Added;
    return Result;
  }
  case ModelRole::RequestOption: {
    if (M.RequestArgument >= ArgExprs.size() || M.OptionArgument >= ArgExprs.size() ||
        M.ValueArgument >= Args.size())
      return Result;
    auto Handle = keyOf(ArgExprs[M.RequestArgument]);
    const auto *Option =
        llvm::dyn_cast<clang::DeclRefExpr>(strip(ArgExprs[M.OptionArgument]));
    if (!Handle || !Option)
      return Result;
    auto Part = M.Options.find(Option->getDecl()->getNameAsString());
    if (Part == M.Options.end())
      return Result;
    RequestState &R = Requests[*Handle];
    const Value &V = Args[M.ValueArgument];
    if (Part->second == RequestPart::Url) {
      R.Url = V;
      R.HasUrl = true;
      R.UrlLocation = E->getBeginLoc();
      if (!V.Data.empty())
        R.Parts.push_back({E->getBeginLoc(), V.Data, Name});
    } else {
      R.Parts.push_back({E->getBeginLoc(), V.Data, Name});
    }
    return Result;
  }
  case ModelRole::UrlBinding:
  case ModelRole::QueryBinding: {
    // A query's text is bound to its statement as a URL's to its request.
    std::optional<unsigned> Bound =
        M.Role == ModelRole::UrlBinding ? M.UrlArgument : M.QueryArgument;
    if (Bound && *Bound < Args.size()) {
      // The URL's text, and its data: a query string can carry some.
      Result = Args[*Bound];
      Result.Guessed = false;
      // A setter (`request.setUrl(url)`) binds the URL to its object; a
      // function may bind it to an argument (`asio::connect(socket, ...)`).
      const clang::Expr *BoundExpr = nullptr;
      if (M.Into && *M.Into < ArgExprs.size())
        BoundExpr = ArgExprs[*M.Into];
      else if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
        BoundExpr = MC->getImplicitObjectArgument();
      if (BoundExpr)
        if (auto Key = keyOf(BoundExpr)) {
          Value &Object = Env[*Key];
          Object.Text = Result.Text;
          Object.TextParam = Result.TextParam;
          Object.Data.merge(Result.Data);
        }
    }
    return Result;
  }
  }
  return Result;
}

std::optional<unsigned> Walker::keyParamIndex(const clang::Expr *KeyExpr) {
  if (const auto *DRE = llvm::dyn_cast_or_null<clang::DeclRefExpr>(strip(KeyExpr)))
    if (const auto *P = llvm::dyn_cast<clang::ParmVarDecl>(DRE->getDecl())) {
      auto It = ParamIndex.find(P);
      if (It != ParamIndex.end())
        return It->second;
    }
  return std::nullopt;
}

void Walker::addKeyFact(const clang::Expr *KeyExpr, Taint &Into) {
  if (const auto *Lit = narrowLiteral(KeyExpr)) {
    if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                 TypeClass::Unknown, "", Lit->getBeginLoc(),
                                 "the key"))
      if (!Into.hasCategory(Fact->Category))
        Into.add(*Fact);
    return;
  }
  // `json_get(j, key)`: the key is the caller's to say.
  if (auto Index = keyParamIndex(KeyExpr))
    Into.addParam({*Index, Protection(), KeyField});
}

} // namespace policycheck::walker
