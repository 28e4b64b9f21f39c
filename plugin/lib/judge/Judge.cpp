//===--- Judge.cpp - Holding flows to the policy --------------------------===//
#include "policycheck/Judge.h"

#include "policycheck/Category.h"
#include "policycheck/Cookies.h"

#include "llvm/ADT/StringExtras.h"

namespace policycheck {

namespace {

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

std::string keyList(const std::vector<CategoryRef> &Refs) {
  std::string Out;
  for (const CategoryRef &R : Refs)
    Out += (Out.empty() ? "" : ", ") + R.Key;
  return Out;
}

/// The service's own secrets are never user data (contract section 1).
bool isUserData(llvm::StringRef Category) {
  return !categoryCovers("system", Category);
}

FindingNote originNote(const DataFact &F) {
  FindingNote N;
  N.CodeLocation = F.Origin;
  N.CodeElsewhere = F.OriginElsewhere;
  N.Message = quoted(F.Category) + " comes from " + F.How;
  N.Kind = NoteKind::Origin;
  return N;
}

FindingNote policyNote(const PolicyLocation &Where, std::string Message) {
  FindingNote N;
  N.PolicyLine = Where;
  N.Message = std::move(Message);
  N.Kind = NoteKind::Policy;
  return N;
}

} // namespace

Judge::Resolved Judge::resolve(const Destination &D) const {
  Resolved R;
  if (D.Kind != DestinationKind::Sdk && D.Kind != DestinationKind::Http)
    return R;
  R.PolicyVendor = D.Kind == DestinationKind::Sdk ? P.vendor(D.VendorId)
                                                  : P.vendorForHost(D.Host);
  if (D.Kind == DestinationKind::Sdk && !R.PolicyVendor)
    R.PolicyVendor = P.vendorForFunction(D.Via);
  if (R.PolicyVendor)
    return R;
  R.FirstParty = D.Kind == DestinationKind::Http && P.isFirstPartyHost(D.Host);
  if (!R.FirstParty)
    R.Known = D.Kind == DestinationKind::Sdk ? Hosts().find(D.VendorId)
                                             : Hosts().lookupHost(D.Host);
  return R;
}

static std::string cookieNames(const Policy &P) {
  std::string Out;
  for (const Cookie &C : P.cookies())
    Out += (Out.empty() ? "" : ", ") + C.Name;
  return Out;
}

/// `secure: true, http_only: true, same_site: strict`: what an entry asks.
static std::string promisedAttributes(const Cookie &C) {
  std::vector<std::string> Parts;
  if (C.Secure)
    Parts.push_back(std::string("secure: ") + (*C.Secure ? "true" : "false"));
  if (C.HttpOnly)
    Parts.push_back(std::string("http_only: ") + (*C.HttpOnly ? "true" : "false"));
  if (C.SameSitePolicy)
    Parts.push_back("same_site: " + spell(*C.SameSitePolicy).str());
  return Parts.empty() ? std::string("no attributes") : llvm::join(Parts, ", ");
}

/// The cookie's name, when the code sets a cookie whose name it knows.
static std::string cookieName(const Destination &D) {
  return D.Cookie.empty() ? std::string() : parseSetCookie(D.Cookie).Name;
}

std::string Judge::describeDestination(const Destination &D) const {
  switch (D.Kind) {
  case DestinationKind::Cookie:
    if (cookieName(D).empty())
      return "a cookie whose name is known only at run time";
    return "the cookie " + quoted(cookieName(D)) + " (" +
           parseSetCookie(D.Cookie).describeAttributes() + ")";
  case DestinationKind::Storage:
    return "the service's own storage (" + D.Via + ")";
  case DestinationKind::Log:
    return "a log (" + D.Via + ")";
  case DestinationKind::Unresolved:
    return "a destination known only at run time (" + D.Via + ")";
  case DestinationKind::Sdk:
  case DestinationKind::Http:
    break;
  }
  Resolved R = resolve(D);
  if (R.PolicyVendor)
    return quoted(R.PolicyVendor->Id) +
           (R.PolicyVendor->Name.empty() ? "" : " (" + R.PolicyVendor->Name + ")");
  if (R.FirstParty)
    return "the service's own host " + quoted(D.Host);
  std::string Where = D.Kind == DestinationKind::Sdk ? D.Via : D.Host;
  return quoted(Where) + (R.Known ? " (" + R.Known->Name + ")" : "");
}

std::string Judge::destinationId(const Destination &D) const {
  switch (D.Kind) {
  case DestinationKind::Cookie:
    return cookieName(D).empty() ? "cookie" : "cookie:" + cookieName(D);
  case DestinationKind::Storage:
    return "storage";
  case DestinationKind::Log:
    return "log";
  case DestinationKind::Unresolved:
    return "unresolved";
  case DestinationKind::Sdk:
  case DestinationKind::Http:
    break;
  }
  Resolved R = resolve(D);
  if (R.PolicyVendor)
    return R.PolicyVendor->Id;
  if (R.FirstParty)
    return "first-party";
  if (R.Known)
    return R.Known->Id;
  return D.Kind == DestinationKind::Sdk ? D.VendorId : D.Host;
}

std::vector<const ConsentRule *> Judge::consentRulesFor(const Destination &D) const {
  std::vector<const ConsentRule *> Out;
  if (P.consent().empty())
    return Out;
  std::string VendorId;
  std::string Cookie;
  if (D.Kind == DestinationKind::Cookie && !parseSetCookie(D.Cookie).Deletes)
    Cookie = cookieName(D); // clearing a cookie needs no consent
  else if (const Vendor *V = resolve(D).PolicyVendor)
    VendorId = V->Id;
  if (VendorId.empty() && Cookie.empty())
    return Out;
  for (const ConsentRule &R : P.consent()) {
    bool Needs = !VendorId.empty() && llvm::is_contained(R.Vendors, VendorId);
    for (const std::string &Pattern : R.Cookies)
      Needs |= !Cookie.empty() && matchesQualifiedNamePattern(Pattern, Cookie);
    if (Needs && !R.Check.empty())
      Out.push_back(&R);
  }
  return Out;
}

Finding Judge::consentFinding(const FlowEvent &Event, const ConsentRule &Rule,
                              std::vector<FlowStep> Unguarded,
                              const std::string &EntryName) const {
  Finding F;
  F.Check = CheckKind::Consent;
  F.Location = Event.Location;
  F.Destination = destinationId(Event.Target);
  std::string What = Event.Target.Kind == DestinationKind::Cookie
                         ? describeDestination(Event.Target) + " is set"
                         : describeDestination(Event.Target) + " is called";
  F.Message = What + " on a path" +
              (EntryName.empty() ? std::string() : " from " + quoted(EntryName)) +
              " that does not find " + quoted(Rule.Check) +
              " true first, but the policy's consent " + quoted(Rule.Id) +
              " requires it";
  for (const FlowStep &Step : Event.Path)
    F.Notes.push_back({Step.Location, PolicyLocation(), Step.Message, Step.Elsewhere});
  for (FlowStep &Step : Unguarded)
    F.Notes.push_back({Step.Location, PolicyLocation(), std::move(Step.Message),
                       Step.Elsewhere});
  F.Notes.push_back(policyNote(Rule.Location,
                               "consent " + Rule.Id + ": check: " + Rule.Check +
                                   (Rule.DefaultOn ? " (default: on)" : " (default: off)")));
  return F;
}

void Judge::judgeCookie(
    const FlowEvent &Event,
    llvm::function_ref<Finding(CheckKind, const DataFact *, std::string)> Make,
    std::vector<Finding> &Findings) const {
  if (Event.Target.Cookie.empty())
    return; // known only at run time: the data map lists it
  SetCookie Set = parseSetCookie(Event.Target.Cookie);
  if (Set.Name.empty() || Set.Deletes)
    return;
  const Cookie *Entry = cookieEntry(P, Set.Name);
  if (!Entry) {
    Finding F = Make(CheckKind::Cookie, nullptr,
                     "the cookie " + quoted(Set.Name) +
                         " is set, but the policy declares no such cookie "
                         "under 'cookies'");
    F.Notes.push_back(policyNote(P.cookiesLocation(),
                                 P.cookies().empty()
                                     ? std::string("the policy declares no cookies")
                                     : "cookies: " + cookieNames(P)));
    Findings.push_back(std::move(F));
    return;
  }
  std::vector<std::string> Short = cookieShortfalls(Set, *Entry);
  if (Short.empty())
    return;
  std::string What;
  for (size_t I = 0; I < Short.size(); ++I)
    What += (I == 0 ? "" : I + 1 == Short.size() ? " and " : ", ") + Short[I];
  Finding F = Make(CheckKind::Cookie, nullptr,
                   "the cookie " + quoted(Set.Name) + " is set " + What +
                       ", but the policy's cookie " + quoted(Entry->Name) +
                       " asks for " + promisedAttributes(*Entry));
  F.Notes.push_back(policyNote(Entry->Location, Entry->Name + ": " +
                                                    promisedAttributes(*Entry)));
  Findings.push_back(std::move(F));
}

std::vector<Finding> Judge::judge(const FlowEvent &Event) const {
  std::vector<Finding> Findings;
  const Destination &D = Event.Target;
  // A destination known only at run time gets no vendor guess (it is listed
  // in the data map), but data the policy does not declare, or says it never
  // collects, is a finding wherever it goes.
  if (D.Kind == DestinationKind::Http && isLoopbackHost(D.Host))
    return Findings; // the data stays on the machine

  std::string Where = describeDestination(D);
  std::string DestId = destinationId(D);
  Resolved R = resolve(D);
  const Vendor *V = R.PolicyVendor;
  bool ThirdParty = (D.Kind == DestinationKind::Sdk ||
                     D.Kind == DestinationKind::Http) &&
                    !V && !R.FirstParty;

  auto Make = [&](CheckKind Check, const DataFact *Fact, std::string Message) {
    Finding F;
    F.Check = Check;
    F.Location = Event.Location;
    F.Message = std::move(Message);
    F.Category = Fact ? Fact->Category : "";
    F.Destination = DestId;
    if (Fact)
      F.Notes.push_back(originNote(*Fact));
    for (const FlowStep &Step : Event.Path)
      F.Notes.push_back({Step.Location, PolicyLocation(), Step.Message, Step.Elsewhere});
    return F;
  };

  std::string Verb = D.Kind == DestinationKind::Storage ? "is stored in "
                     : D.Kind == DestinationKind::Log   ? "is written to "
                                                        : "is sent to ";

  if (D.Kind == DestinationKind::Cookie && Event.ReportVendor)
    judgeCookie(Event, Make, Findings);

  if (ThirdParty && Event.ReportVendor) {
    std::string Sent;
    for (const DataFact &Fact : Event.Facts)
      if (isUserData(Fact.Category))
        Sent += (Sent.empty() ? "" : ", ") + Fact.Category;
    Finding F = Make(CheckKind::UndeclaredVendor, nullptr,
                     Where + " is a third party that the policy does not "
                             "declare as a vendor; " +
                         (Sent.empty() ? std::string("the call sends no personal "
                                                     "data that policycheck found")
                                       : "the call sends: " + Sent));
    for (const DataFact &Fact : Event.Facts)
      if (isUserData(Fact.Category))
        F.Notes.push_back(originNote(Fact));
    std::string Who = D.Kind == DestinationKind::Sdk ? D.Via : D.Host;
    F.Notes.push_back(policyNote(P.vendorsLocation(),
                                 "no vendor under 'vendors' owns " + quoted(Who)));
    Findings.push_back(std::move(F));
  }

  for (const DataFact &Fact : Event.Facts) {
    if (!isUserData(Fact.Category) || !Event.ReportCategories)
      continue;
    const std::string Cat = quoted(Fact.Category);
    if (const CategoryRef *Never = P.notCollectedEntry(Fact.Category)) {
      Finding F = Make(CheckKind::NotCollected, &Fact,
                       Cat + " " + Verb + Where +
                           ", but the policy says it is never collected");
      F.Notes.push_back(policyNote(Never->Location,
                                   "not_collected: " + Never->Key));
      Findings.push_back(std::move(F));
      continue;
    }
    const CategoryDecl *Decl = P.declaration(Fact.Category);
    if (!Decl) {
      Findings.push_back(Make(CheckKind::UndeclaredCategory, &Fact,
                              Cat + " " + Verb + Where +
                                  ", but the policy does not declare "
                                  "collecting it"));
      continue;
    }
    if (ThirdParty)
      continue; // the undeclared-vendor finding covers what the call sends
    switch (D.Kind) {
    case DestinationKind::Http:
    case DestinationKind::Sdk: {
      if (!V || V->receivesEntry(Fact.Category))
        break;
      std::string Allowed = V->Receives.empty()
                                ? std::string("no personal data")
                                : "only: " + keyList(V->Receives);
      Finding F = Make(CheckKind::VendorCategory, &Fact,
                       Cat + " is sent to " + Where +
                           ", which the policy says receives " + Allowed);
      F.Notes.push_back(policyNote(
          V->ReceivesLocation.isValid() ? V->ReceivesLocation : V->Location,
          (V->Name.empty() ? V->Id : V->Name) + " receives: " +
              (V->Receives.empty() ? std::string("nothing")
                                   : keyList(V->Receives))));
      Findings.push_back(std::move(F));
      break;
    }
    case DestinationKind::Storage: {
      std::string Broken;
      if (Decl->Storage == StorageRule::None)
        Broken = "is persisted in " + Where +
                 ", but the policy says it is never stored by the service";
      else if (Decl->Storage == StorageRule::Hashed && !Fact.Protected.Hashed)
        Broken = "is stored in " + Where +
                 " without hashing, but the policy says it is stored only "
                 "hashed";
      else if (Decl->Storage == StorageRule::Encrypted &&
               !Fact.Protected.Encrypted)
        Broken = "is stored in " + Where +
                 " without encryption, but the policy says it is stored only "
                 "encrypted";
      HashGrade Required = requiredGrade(Decl->Hash);
      bool TooWeak = Broken.empty() && Decl->Storage == StorageRule::Hashed &&
                     Fact.Protected.Strength != HashGrade::Unknown &&
                     Fact.Protected.Strength < Required;
      if (TooWeak)
        Broken = "is stored in " + Where + " hashed with " +
                 quoted(Fact.Protected.Hash) + ", " +
                 describe(Fact.Protected.Strength).str() +
                 ", but the policy asks for " + describe(Required).str() +
                 (Required == HashGrade::Password
                      ? " (scrypt, argon2, bcrypt or PBKDF2)"
                      : " (SHA-256 or stronger)");
      if (Broken.empty())
        break;
      Finding F = Make(CheckKind::StorageProtection, &Fact, Cat + " " + Broken);
      if (TooWeak)
        F.Notes.push_back(policyNote(Decl->HashLocation,
                                     Decl->Key + ": hash: " + spell(Decl->Hash).str()));
      else
        F.Notes.push_back(policyNote(
            Decl->StorageLocation.isValid() ? Decl->StorageLocation : Decl->Location,
            Decl->Key + ": storage: " + spell(Decl->Storage).str()));
      Findings.push_back(std::move(F));
      break;
    }
    case DestinationKind::Log: {
      if (P.logsAllowedEntry(Fact.Category))
        break;
      std::string Allowed = P.logsAllowed().empty()
                                ? std::string("no personal data in logs")
                                : "only " + keyList(P.logsAllowed()) + " in logs";
      Finding F = Make(CheckKind::LogExposure, &Fact,
                       Cat + " is written to " + Where +
                           ", but the policy allows " + Allowed);
      F.Notes.push_back(policyNote(
          P.logsLocation().isValid() ? P.logsLocation()
                                     : PolicyLocation{P.fileName(), 1, 1},
          "first_party.logs.allowed: " +
              (P.logsAllowed().empty() ? std::string("(none)")
                                       : keyList(P.logsAllowed()))));
      Findings.push_back(std::move(F));
      break;
    }
    case DestinationKind::Unresolved:
      break;
    }
  }

  // A time-to-live given with the data is how long the storage keeps it;
  // it stands beside the category findings (contract section 4).
  if ((D.Kind == DestinationKind::Storage || D.Kind == DestinationKind::Cookie) &&
      D.ExpiresAfterMillis)
    for (const DataFact &Fact : Event.Facts) {
      const CategoryDecl *Decl = P.declaration(Fact.Category);
      if (!isUserData(Fact.Category) || !Decl || !Decl->Retention ||
          !Decl->Retention->isFinite() ||
          *D.ExpiresAfterMillis <= Decl->Retention->Seconds * 1000)
        continue;
      uint64_t Seconds = (*D.ExpiresAfterMillis + 999) / 1000;
      Finding F = Make(CheckKind::Retention, &Fact,
                       quoted(Fact.Category) + " is kept in " + Where + " for " +
                           describeSeconds(Seconds) +
                           (D.Kind == DestinationKind::Cookie ? " (its Max-Age)"
                                                              : " (its time-to-live)") +
                           ", but the policy says at most " +
                           Decl->Retention->describe());
      F.Notes.push_back(policyNote(Decl->RetentionLocation,
                                   Decl->Key + ": retention: " +
                                       Decl->Retention->Spelling));
      Findings.push_back(std::move(F));
    }
  return Findings;
}

} // namespace policycheck
