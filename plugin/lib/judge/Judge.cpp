//===--- Judge.cpp - Holding flows to the policy --------------------------===//
#include "policycheck/Judge.h"

#include "policycheck/Category.h"

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

std::string Judge::describeDestination(const Destination &D) const {
  switch (D.Kind) {
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
      if (Broken.empty())
        break;
      Finding F = Make(CheckKind::StorageProtection, &Fact, Cat + " " + Broken);
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
  return Findings;
}

} // namespace policycheck
