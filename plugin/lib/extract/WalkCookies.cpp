//===--- WalkCookies.cpp - Cookies the code sets --------------------------===//
//
// A Set-Cookie header set through a modelled call, or a library cookie object
// handed to a response or a jar, is a cookie set at that call: a sink of
// kind Cookie whose text is the header's as far as it is known. A cookie
// object is followed as that text; its setters edit it.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/Cookies.h"


namespace policycheck::walker {

/// The name of the enumerator an argument is (`field::set_cookie`,
/// `HTTPCookie::SAME_SITE_STRICT`), or empty.
static std::string enumeratorName(const clang::Expr *E) {
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(strip(E)))
    if (llvm::isa<clang::EnumConstantDecl>(DRE->getDecl()))
      return DRE->getDecl()->getNameAsString();
  return "";
}

void Walker::setCookie(const clang::Expr *Call, const Value &Header,
                       const std::string &Via) {
  Destination D;
  D.Kind = DestinationKind::Cookie;
  D.Via = Via;
  if (Header.Text) {
    D.Cookie = *Header.Text;
    SetCookie Parsed = parseSetCookie(*Header.Text);
    if (Parsed.MaxAgeSeconds)
      D.ExpiresAfterMillis = *Parsed.MaxAgeSeconds * 1000;
  }
  // The cookie's own findings are at this call; its data is judged only
  // for how long the cookie keeps it.
  sink(Call->getBeginLoc(), D, std::nullopt, "", Header.Data, {}, true,
       /*ReportCategories=*/false);
}

bool Walker::cookieCall(const std::string &Name, const clang::CallExpr *E,
                        const std::vector<Value> &Args,
                        const std::vector<const clang::Expr *> &ArgExprs,
                        const clang::Expr *ReceiverExpr, const Value *Receiver) {
  const CookieModels &Models = K.Models.cookies();
  if (const CookieModels::Header *H = Models.header(Name)) {
    if (H->NameArgument < Args.size() && H->ValueArgument < Args.size()) {
      const Value &HeaderName = Args[H->NameArgument];
      if ((HeaderName.Text && Models.isSetCookieHeader(*HeaderName.Text)) ||
          Models.isSetCookieHeader(enumeratorName(ArgExprs[H->NameArgument])))
        setCookie(E, Args[H->ValueArgument], Name);
    }
    return false; // it is a header all the same: the request's models apply
  }
  if (const CookieModels::Set *S = Models.set(Name)) {
    if (S->CookieArgument < Args.size())
      setCookie(E, Args[S->CookieArgument], Name);
    return false;
  }
  const CookieModels::Setter *S = Models.setter(Name);
  if (!S || !ReceiverExpr || !Receiver)
    return false;
  // A setter edits the text the object would send.
  Value Edited = *Receiver;
  if (!Edited.Text)
    return true; // a cookie made where policycheck did not see it
  bool Present = true;
  const clang::Expr *Arg = ArgExprs.empty() ? nullptr : ArgExprs.front();
  if (S->Attribute == "Secure" || S->Attribute == "HttpOnly") {
    bool On = false;
    if (!Arg || Arg->isValueDependent() || !Arg->EvaluateAsBooleanCondition(On, Ctx)) {
      Edited.Text = withCookieAttribute(*Edited.Text, S->Attribute, true, "{?}");
    } else {
      Present = On;
      Edited.Text = withCookieAttribute(*Edited.Text, S->Attribute, Present);
    }
  } else if (S->Attribute == "SameSite") {
    std::optional<SameSite> Value =
        Arg ? Models.sameSite(enumeratorName(Arg)) : std::nullopt;
    // An unspecified SameSite (Poco's SAME_SITE_NOT_SPECIFIED) removes it.
    Present = Value.has_value() || !Arg || enumeratorName(Arg).empty();
    Edited.Text = withCookieAttribute(*Edited.Text, "SameSite", Present,
                                      Value ? sameSiteAttribute(*Value) : "{?}");
  } else if (S->Attribute == "Max-Age") {
    clang::Expr::EvalResult R;
    std::string Seconds = "{?}";
    if (Arg && !Arg->isValueDependent() && Arg->EvaluateAsInt(R, Ctx))
      Seconds = llvm::toString(R.Val.getInt(), 10);
    // Poco's default -1 is a session cookie: no Max-Age at all; 0 clears it.
    Present = !llvm::StringRef(Seconds).startswith("-");
    Edited.Text = withCookieAttribute(*Edited.Text, "Max-Age", Present, Seconds);
  } else { // name, value
    const Value *Given = Args.empty() ? nullptr : &Args.front();
    Edited.Text = withCookieAttribute(*Edited.Text, S->Attribute, true,
                                      Given && Given->Text ? *Given->Text : "{?}");
    if (Given)
      Edited.Data.merge(Given->Data);
  }
  assign(ReceiverExpr, std::move(Edited), /*Merge=*/false);
  return true;
}

std::optional<Value> Walker::cookieObject(const clang::CXXConstructExpr *E,
                                          const std::vector<Value> &Args) {
  const clang::CXXConstructorDecl *Ctor = E->getConstructor();
  const CookieModels::Object *O =
      K.Models.cookies().object(qualifiedName(*Ctor->getParent()));
  if (!O || Ctor->isCopyOrMoveConstructor())
    return std::nullopt;
  unsigned Written = writtenArguments(E);
  auto Part = [&](std::optional<unsigned> Index) -> std::string {
    if (!Index || *Index >= Written || *Index >= Args.size())
      return ""; // not given: set later, or empty
    return Args[*Index].Text ? *Args[*Index].Text : "{?}";
  };
  Value V;
  V.Text = Part(O->NameArgument) + "=" + Part(O->ValueArgument);
  if (O->ValueArgument && *O->ValueArgument < Args.size())
    V.Data = Args[*O->ValueArgument].Data;
  return V;
}

} // namespace policycheck::walker
