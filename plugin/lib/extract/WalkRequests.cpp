//===--- WalkRequests.cpp - Streams, sinks and request assembly ----------===//
//
// Where data leaves: stream writes, sink calls (as flow events, or as the
// summary when the caller decides), libcurl requests assembled over options.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace policycheck::walker {

const StreamModel *Walker::streamOf(const clang::Expr *RootExpr, unsigned Depth) {
  RootExpr = strip(RootExpr);
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(RootExpr);
      UO && UO->getOpcode() == clang::UO_AddrOf)
    RootExpr = strip(UO->getSubExpr()); // `QTextStream out(&file)`
  const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(RootExpr);
  if (DRE)
    if (const StreamModel *S = K.Models.streamForObject(qualifiedName(*DRE->getDecl())))
      return S;
  clang::QualType T = RootExpr->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const auto *Record = T->getAsCXXRecordDecl();
  const StreamModel *S = Record ? K.Models.streamForType(qualifiedName(*Record)) : nullptr;
  if (!S || S->Kind != StreamKind::Device)
    return S;
  // A stream over a device writes where the device does: the device is the
  // first argument the variable was made with (`QTextStream out(&file)`), or
  // the one a temporary is made with (`QTextStream(stdout) << x`).
  const clang::Expr *MadeWith = RootExpr;
  if (const auto *VD = DRE ? llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()) : nullptr)
    MadeWith = VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr;
  const auto *Made = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(MadeWith);
  if (!Made || Made->getNumArgs() == 0 || Depth > 4)
    return nullptr;
  return streamOf(Made->getArg(0), Depth + 1);
}

void Walker::streamWrite(const clang::Expr *Call, const clang::Expr *RootExpr,
                         const StreamModel &Stream, const Taint &Data) {
  RootExpr = strip(RootExpr);
  std::string Via = "operator<<";
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(RootExpr))
    Via = qualifiedName(*DRE->getDecl());
  switch (Stream.Kind) {
  case StreamKind::Log: {
    Destination D;
    D.Kind = DestinationKind::Log;
    D.Via = Via;
    sink(Call->getBeginLoc(), D, std::nullopt, "", Data);
    break;
  }
  case StreamKind::Storage: {
    Destination D;
    D.Kind = DestinationKind::Storage;
    // The stream's type as the code spells it: `std::ofstream`, `QFile`.
    clang::QualType T = RootExpr->getType().getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    D.Via = T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy());
    sink(Call->getBeginLoc(), D, std::nullopt, "", Data);
    break;
  }
  case StreamKind::Device: // streamOf gives the device's stream instead
    break;
  case StreamKind::Buffer:
    if (auto Key = keyOf(RootExpr)) {
      Value Old = Env.count(*Key) ? Env[*Key] : Value();
      Old.Data.merge(Data);
      Old.Text.reset();
      Env[*Key] = Old;
    }
    break;
  }
}

bool Walker::streamSink(const clang::CallExpr *E, const clang::Expr *Receiver,
                        const std::vector<Value> &Args) {
  const StreamModel *Stream = streamOf(Receiver);
  if (!Stream)
    return false;
  Taint Data;
  for (const Value &A : Args)
    Data.merge(A.Data);
  streamWrite(E, Receiver, *Stream, Data);
  return true;
}

Value Walker::evalStreamChain(const clang::CXXOperatorCallExpr *E) {
  // Flatten `a << b << c` to its root and operands.
  std::vector<const clang::Expr *> Operands;
  const clang::Expr *Root = E;
  while (true) {
    const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(strip(Root));
    if (!Op || Op->getOperator() != clang::OO_LessLess || Op->getNumArgs() != 2)
      break;
    Operands.push_back(Op->getArg(1));
    Root = Op->getArg(0);
  }
  std::reverse(Operands.begin(), Operands.end());
  // The root may itself be a call that matters (`qDebug()`, a sink that
  // returns its stream).
  Value RootValue;
  if (llvm::isa<clang::CallExpr>(strip(Root)))
    RootValue = eval(Root);
  else if (auto Key = keyOf(Root); Key && Env.count(*Key))
    RootValue = Env[*Key];
  Taint Data;
  for (const clang::Expr *Operand : Operands)
    Data.merge(eval(Operand).Data);

  if (const StreamModel *Stream = streamOf(Root))
    streamWrite(E, Root, *Stream, Data);
  else if (RootValue.Stream)
    sink(E->getBeginLoc(), RootValue.Stream->Target, RootValue.Stream->UrlParam,
         RootValue.Stream->UrlPath, Data);
  return Value();
}

bool Walker::isBodyStream(const clang::Expr *Root) {
  Root = strip(Root);
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(Root)) {
    const clang::FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionModel *M = Callee ? K.Models.find(qualifiedName(*Callee)) : nullptr;
    return M && M->ReturnsBodyStream;
  }
  auto Key = keyOf(Root);
  auto It = Key ? Env.find(*Key) : Env.end();
  return It != Env.end() && It->second.Stream;
}

//===----------------------------------------------------------------------===//
// Sinks
//===----------------------------------------------------------------------===//

Destination Walker::httpDestination(const Value &Url, const std::string &Via,
                                    std::optional<unsigned> &UrlParam) {
  Destination D;
  D.Via = Via;
  if (Url.Text) {
    std::string Host = hostOfUrl(*Url.Text);
    if (Host.empty() && !llvm::StringRef(*Url.Text).contains('/') &&
        !llvm::StringRef(*Url.Text).contains(':'))
      Host = hostOfUrl("https://" + *Url.Text); // a bare host: `api.x.com`
    if (!Host.empty()) {
      D.Kind = DestinationKind::Http;
      D.Host = Host;
      return D;
    }
  }
  if (Url.TextParam) {
    UrlParam = Url.TextParam;
    D.Kind = DestinationKind::Http;
    return D;
  }
  D.Kind = DestinationKind::Unresolved;
  return D;
}

void Walker::sink(clang::SourceLocation Loc, Destination Target,
                  std::optional<unsigned> UrlParam, const std::string &UrlPath,
                  const Taint &Data, std::vector<FlowStep> Path,
                  bool ReportVendor, bool ReportCategories) {
  if (UrlParam) {
    // The destination is the caller's to say: the whole flow waits in the
    // summary.
    SinkSummary S;
    S.Target = Target;
    S.UrlParam = summaryTextParam(*UrlParam, S.UrlField);
    S.UrlPath = UrlPath;
    S.Data = Data;
    S.InnerLocation = Loc;
    S.ReportVendor = ReportVendor;
    S.ReportCategories = ReportCategories;
    addSinkSummary(std::move(S));
    return;
  }
  if (!Data.params().empty()) {
    SinkSummary S;
    S.Target = Target;
    for (const ParamUse &P : Data.params())
      S.Data.addParam(P);
    S.InnerLocation = Loc;
    S.ReportVendor = false; // the vendor call itself is reported here
    S.ReportCategories = ReportCategories;
    // Nothing is reported inside third-party code: what it knows of the
    // data is its caller's to report.
    if (ReportCategories && !isOutsideProjectCode(Ctx.getSourceManager(), Loc))
      for (const DataFact &F : Data.facts())
        S.ReportedInside.push_back({F.Category, F.Protected});
    addSinkSummary(std::move(S));
  }
  FlowEvent Event;
  Event.Location = Loc;
  Event.Target = Target;
  Event.Facts = Data.facts();
  Event.Path = std::move(Path);
  Event.ReportVendor = ReportVendor;
  Event.ReportCategories = ReportCategories;
  if (ReportVendor) // the call itself is here: its consent is judged here
    consentAt(Event);
  State.emit(std::move(Event));
}

/// The same sink reached the same way twice (a helper called three times
/// at one call, the same overrider through two paths) is one entry of the
/// summary: callers would report it once anyway.
static bool sameSink(const SinkSummary &A, const SinkSummary &B) {
  auto SameTaint = [](const Taint &X, const Taint &Y) {
    if (X.facts().size() != Y.facts().size() || X.params().size() != Y.params().size())
      return false;
    for (size_t I = 0; I < X.facts().size(); ++I)
      if (X.facts()[I].Category != Y.facts()[I].Category ||
          X.facts()[I].Origin != Y.facts()[I].Origin ||
          !(X.facts()[I].OriginElsewhere == Y.facts()[I].OriginElsewhere))
        return false;
    for (size_t I = 0; I < X.params().size(); ++I) {
      const ParamUse &P = X.params()[I], &Q = Y.params()[I];
      if (P.Index != Q.Index || P.Field != Q.Field || !(P.Protected == Q.Protected))
        return false;
    }
    return true;
  };
  return A.Target.Kind == B.Target.Kind && A.Target.Host == B.Target.Host &&
         A.Target.VendorId == B.Target.VendorId && A.Target.Via == B.Target.Via &&
         A.UrlParam == B.UrlParam && A.UrlField == B.UrlField && A.UrlPath == B.UrlPath &&
         A.InnerLocation == B.InnerLocation && A.InnerElsewhere == B.InnerElsewhere &&
         A.ReportVendor == B.ReportVendor && A.ReportCategories == B.ReportCategories &&
         A.ReportedInside == B.ReportedInside && SameTaint(A.Data, B.Data);
}

void Walker::addSinkSummary(SinkSummary S) {
  for (const SinkSummary &Known : Summary.Sinks)
    if (sameSink(Known, S))
      return;
  Summary.Sinks.push_back(std::move(S));
}

void Walker::finishRequests() {
  for (auto &[Handle, R] : Requests) {
    std::optional<unsigned> UrlParam;
    Destination D = R.HasUrl ? httpDestination(R.Url, "curl_easy_setopt", UrlParam)
                             : Destination{DestinationKind::Unresolved, "", "",
                                           "curl_easy_setopt"};
    // The request itself reaches the host: one vendor finding per request,
    // at the option that sets its URL; each part that carries data is judged
    // where it is handed over.
    Taint All;
    for (const RequestPartUse &Part : R.Parts)
      All.merge(Part.Data);
    if (R.HasUrl)
      sink(R.UrlLocation, D, UrlParam, "", All, {}, /*ReportVendor=*/true,
           /*ReportCategories=*/false);
    for (const RequestPartUse &Part : R.Parts)
      if (!Part.Data.empty())
        sink(Part.Location, D, UrlParam, "", Part.Data, {},
             /*ReportVendor=*/false, /*ReportCategories=*/true);
  }
}

} // namespace policycheck::walker
