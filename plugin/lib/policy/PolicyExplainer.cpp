//===--- PolicyExplainer.cpp - The policy as a person reads it ------------===//
#include "policycheck/PolicyExplainer.h"

namespace policycheck {

namespace {

std::string describeStorage(const CategoryDecl &D) {
  switch (D.Storage) {
  case StorageRule::Plain:
    return "may be stored as is";
  case StorageRule::Encrypted:
    return "stored only encrypted";
  case StorageRule::None:
    return "never stored by the service";
  case StorageRule::Hashed:
    break;
  }
  switch (D.Hash) {
  case HashStrength::Password:
    return "stored only as a password hash (scrypt, argon2, bcrypt or PBKDF2)";
  case HashStrength::Digest:
    return "stored only as a digest (SHA-256 or stronger)";
  case HashStrength::Any:
    break;
  }
  return "stored only hashed";
}

std::string describeKey(const Policy &P, llvm::StringRef Key,
                        llvm::StringRef Description = "") {
  std::string Text = Key.str();
  if (Description.empty())
    if (const TaxonomyEntry *E = P.taxonomy().find(Key))
      Description = E->Description;
  if (!Description.empty())
    Text += " - " + Description.str();
  return Text;
}

template <typename Range, typename ToText>
std::string joined(const Range &Items, ToText Text) {
  std::string Result;
  for (const auto &Item : Items) {
    if (!Result.empty())
      Result += ", ";
    Result += Text(Item);
  }
  return Result;
}

std::string keysOf(const std::vector<CategoryRef> &Refs) {
  return joined(Refs, [](const CategoryRef &R) { return R.Key; });
}

void heading(llvm::raw_ostream &OS, llvm::StringRef Title) {
  OS << "\n" << Title << "\n";
}

void explainSinkModel(const Policy &P, const SinkModel &M,
                      llvm::raw_ostream &OS) {
  OS << "  " << M.Function << " ";
  switch (M.SinkKind) {
  case SinkModel::Kind::Vendor:
    OS << "sends to " << P.vendor(M.VendorId)->displayName();
    break;
  case SinkModel::Kind::Storage:
    OS << "stores";
    break;
  case SinkModel::Kind::Log:
    OS << "logs";
    break;
  case SinkModel::Kind::Url:
    OS << "sends to the URL in argument " << M.UrlArgument;
    break;
  }
  if (M.Arguments.empty()) {
    OS << (M.SinkKind == SinkModel::Kind::Url ? " (every other argument)\n"
                                               : " (every argument)\n");
    return;
  }
  OS << " (arguments "
     << joined(M.Arguments, [](unsigned I) { return std::to_string(I); })
     << ")\n";
}

} // namespace

void explainPolicy(const Policy &P, llvm::raw_ostream &OS) {
  OS << "Privacy policy of " << P.service() << " (" << P.fileName() << ")\n";
  if (!P.document().empty())
    OS << "Written policy: " << P.document() << "\n";
  if (!P.updated().empty())
    OS << "Last updated: " << P.updated() << "\n";

  heading(OS, "Collects:");
  for (const CategoryDecl &D : P.categories()) {
    OS << "  " << describeKey(P, D.Key, D.Description) << "\n";
    OS << "      " << describeStorage(D);
    if (D.Retention)
      OS << "; kept " << (D.Retention->isFinite() ? "for at most " : "")
         << D.Retention->describe();
    OS << "\n";
    if (!D.Identifiers.empty())
      OS << "      found in code by the names: "
         << joined(D.Identifiers, [](const std::string &S) { return S; })
         << "\n";
  }

  if (!P.notCollected().empty()) {
    heading(OS, "Never collects:");
    for (const CategoryRef &R : P.notCollected())
      OS << "  " << describeKey(P, R.Key) << "\n";
  }

  heading(OS, "Shares with:");
  if (P.vendors().empty())
    OS << "  no third party\n";
  for (const Vendor &V : P.vendors()) {
    OS << "  " << V.displayName();
    if (!V.Purpose.empty())
      OS << " - " << V.Purpose;
    else if (V.isUserEndpoints())
      OS << " - destinations the user configures, such as webhooks";
    OS << "\n";
    if (!V.Hosts.empty())
      OS << "      at hosts: "
         << joined(V.Hosts, [](const HostPattern &H) { return H.text(); })
         << "\n";
    if (!V.Sdk.empty())
      OS << "      through its SDK: "
         << joined(V.Sdk, [](const std::string &S) { return S; }) << "\n";
    OS << "      receives: "
       << (V.Receives.empty() ? std::string("no personal data")
                              : keysOf(V.Receives))
       << "\n";
  }

  heading(OS, "The service itself:");
  OS << "  hosts: "
     << (P.firstPartyHosts().empty()
             ? std::string("none declared")
             : joined(P.firstPartyHosts(),
                      [](const HostPattern &H) { return H.text(); }))
     << "\n";
  OS << "  logs may hold: "
     << (P.logsAllowed().empty() ? std::string("no personal data")
                                 : keysOf(P.logsAllowed()))
     << "\n";

  if (!P.cookies().empty()) {
    heading(OS, "Cookies:");
    for (const Cookie &C : P.cookies()) {
      OS << "  " << C.Name;
      if (C.Purpose)
        OS << " (" << spell(*C.Purpose) << ")";
      std::vector<std::string> Flags;
      if (C.Secure)
        Flags.push_back(*C.Secure ? "Secure" : "not Secure");
      if (C.HttpOnly)
        Flags.push_back(*C.HttpOnly ? "HttpOnly" : "not HttpOnly");
      if (C.SameSitePolicy)
        Flags.push_back("SameSite=" + spell(*C.SameSitePolicy).str());
      if (!Flags.empty())
        OS << ": " << joined(Flags, [](const std::string &S) { return S; });
      OS << "\n";
    }
  }

  if (!P.consent().empty()) {
    heading(OS, "Waits for consent:");
    for (const ConsentRule &R : P.consent()) {
      OS << "  " << R.Id << " - "
         << (R.DefaultOn ? "on until the user opts out"
                         : "off until the user opts in")
         << "\n";
      if (!R.Vendors.empty())
        OS << "      vendors: "
           << joined(R.Vendors, [](const std::string &S) { return S; }) << "\n";
      if (!R.Cookies.empty())
        OS << "      cookies: "
           << joined(R.Cookies, [](const std::string &S) { return S; }) << "\n";
      if (!R.Check.empty())
        OS << "      checked by: " << R.Check << "\n";
    }
  }

  bool HasCode = !P.sourceModels().empty() || !P.sinkModels().empty() ||
                 !P.transformModels().empty() || !P.retentionModels().empty();
  if (HasCode) {
    heading(OS, "Models of the code base's own functions:");
    for (const SourceModel &M : P.sourceModels())
      OS << "  " << M.Function << " returns " << M.Category << "\n";
    for (const SinkModel &M : P.sinkModels())
      explainSinkModel(P, M, OS);
    for (const TransformModel &M : P.transformModels())
      OS << "  " << M.Function << " makes data " << spell(M.Result)
         << (M.Strength == HashGrade::Unknown ? std::string()
                                              : " (" + describe(M.Strength).str() + ")")
         << "\n";
    for (const RetentionModel &M : P.retentionModels())
      OS << "  " << M.Constant << " is the retention of " << M.Category << "\n";
  }
}

} // namespace policycheck
