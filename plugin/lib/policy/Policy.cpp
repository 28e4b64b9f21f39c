//===--- Policy.cpp - The declared privacy-policy model -------------------===//
#include "policycheck/Policy.h"

#include "policycheck/Category.h"

namespace policycheck {

llvm::StringRef spell(StorageRule Rule) {
  switch (Rule) {
  case StorageRule::Plain: return "plain";
  case StorageRule::Hashed: return "hashed";
  case StorageRule::Encrypted: return "encrypted";
  case StorageRule::None: return "none";
  }
  return "";
}

llvm::StringRef spell(HashStrength Strength) {
  switch (Strength) {
  case HashStrength::Any: return "any";
  case HashStrength::Password: return "password";
  case HashStrength::Digest: return "digest";
  }
  return "";
}

llvm::StringRef spell(TransformResult Result) {
  switch (Result) {
  case TransformResult::Hashed: return "hashed";
  case TransformResult::Encrypted: return "encrypted";
  case TransformResult::Anonymized: return "anonymized";
  }
  return "";
}

llvm::StringRef spell(HashGrade Grade) {
  switch (Grade) {
  case HashGrade::Unknown: return "unknown";
  case HashGrade::Weak: return "weak";
  case HashGrade::Digest: return "digest";
  case HashGrade::Password: return "password";
  }
  return "";
}

llvm::StringRef describe(HashGrade Grade) {
  switch (Grade) {
  case HashGrade::Unknown: return "a hash of unknown strength";
  case HashGrade::Weak: return "a weak hash";
  case HashGrade::Digest: return "a digest";
  case HashGrade::Password: return "a password hash";
  }
  return "";
}

HashGrade requiredGrade(HashStrength Strength) {
  switch (Strength) {
  case HashStrength::Any: return HashGrade::Unknown;
  case HashStrength::Password: return HashGrade::Password;
  case HashStrength::Digest: return HashGrade::Digest;
  }
  return HashGrade::Unknown;
}

llvm::StringRef spell(CookiePurpose Purpose) {
  switch (Purpose) {
  case CookiePurpose::Essential: return "essential";
  case CookiePurpose::Preferences: return "preferences";
  case CookiePurpose::Analytics: return "analytics";
  case CookiePurpose::Advertising: return "advertising";
  }
  return "";
}

llvm::StringRef spell(SameSite Value) {
  switch (Value) {
  case SameSite::Strict: return "strict";
  case SameSite::Lax: return "lax";
  case SameSite::None: return "none";
  }
  return "";
}

/// The entry among \p Refs with the longest key covering \p Category.
template <typename T, typename KeyOf>
static const T *mostSpecificCover(const std::vector<T> &Refs,
                                  llvm::StringRef Category, KeyOf Key) {
  const T *Best = nullptr;
  for (const T &Ref : Refs)
    if (categoryCovers(Key(Ref), Category) &&
        (!Best || Key(Ref).size() > Key(*Best).size()))
      Best = &Ref;
  return Best;
}

static llvm::StringRef keyOfRef(const CategoryRef &Ref) { return Ref.Key; }

std::string Vendor::displayName() const {
  if (Name.empty() || Name == Id)
    return Id;
  return Id + " (" + Name + ")";
}

const CategoryRef *Vendor::receivesEntry(llvm::StringRef Category) const {
  return mostSpecificCover(Receives, Category, keyOfRef);
}

const CategoryDecl *Policy::declaration(llvm::StringRef Category) const {
  return mostSpecificCover(Declared, Category,
                           [](const CategoryDecl &D) -> llvm::StringRef { return D.Key; });
}

const CategoryRef *Policy::notCollectedEntry(llvm::StringRef Category) const {
  return mostSpecificCover(NotCollected, Category, keyOfRef);
}

const CategoryRef *Policy::logsAllowedEntry(llvm::StringRef Category) const {
  return mostSpecificCover(LogsAllowed, Category, keyOfRef);
}

const Vendor *Policy::vendor(llvm::StringRef Id) const {
  for (const Vendor &V : Vendors)
    if (V.Id == Id)
      return &V;
  return nullptr;
}

const Vendor *Policy::vendorForHost(llvm::StringRef Host) const {
  if (isLoopbackHost(Host))
    return nullptr;
  const Vendor *Best = nullptr;
  unsigned BestSpecificity = 0;
  for (const Vendor &V : Vendors)
    for (const HostPattern &P : V.Hosts)
      if (P.matches(Host) && P.specificity() > BestSpecificity) {
        Best = &V;
        BestSpecificity = P.specificity();
      }
  // A first-party pattern that is more specific than every vendor's claims the
  // host for the service itself (e.g. `uploads.mixlens.io` under a vendor's
  // wildcard CNAME would still be the service's own).
  for (const HostPattern &P : FirstPartyHosts)
    if (P.matches(Host) && P.specificity() > BestSpecificity)
      return nullptr;
  return Best;
}

const Vendor *Policy::vendorForFunction(llvm::StringRef QualifiedName) const {
  for (const Vendor &V : Vendors)
    for (const std::string &Pattern : V.Sdk)
      if (matchesQualifiedNamePattern(Pattern, QualifiedName))
        return &V;
  return nullptr;
}

bool Policy::isFirstPartyHost(llvm::StringRef Host) const {
  if (isLoopbackHost(Host))
    return true;
  if (vendorForHost(Host))
    return false;
  for (const HostPattern &P : FirstPartyHosts)
    if (P.matches(Host))
      return true;
  return false;
}

bool matchesQualifiedNamePattern(llvm::StringRef Pattern, llvm::StringRef Name) {
  // Iterative glob match with backtracking to the last `*`.
  size_t P = 0, N = 0, StarP = llvm::StringRef::npos, StarN = 0;
  while (N < Name.size()) {
    if (P < Pattern.size() && Pattern[P] == '*') {
      StarP = P++;
      StarN = N;
    } else if (P < Pattern.size() && Pattern[P] == Name[N]) {
      ++P;
      ++N;
    } else if (StarP != llvm::StringRef::npos) {
      P = StarP + 1;
      N = ++StarN;
    } else {
      return false;
    }
  }
  while (P < Pattern.size() && Pattern[P] == '*')
    ++P;
  return P == Pattern.size();
}

} // namespace policycheck
