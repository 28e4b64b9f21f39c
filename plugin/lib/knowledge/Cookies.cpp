//===--- Cookies.cpp - Cookies the code sets ------------------------------===//
#include "policycheck/Cookies.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

static constexpr llvm::StringLiteral RunTime = "{?}";

static unsigned runTimeParts(llvm::StringRef Text) {
  unsigned N = 0;
  for (size_t At = Text.find(RunTime); At != llvm::StringRef::npos;
       At = Text.find(RunTime, At + RunTime.size()))
    ++N;
  return N;
}

SetCookie parseSetCookie(llvm::StringRef Text) {
  SetCookie Out;
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ';');
  llvm::StringRef Pair = Parts.front().trim();
  auto [Name, Value] = Pair.split('=');
  Name = Name.trim();
  if (!Pair.contains('=') || Name.empty() || Name.contains(RunTime))
    Out.Name.clear();
  else
    Out.Name = Name.str();
  if (runTimeParts(Value) > 1 || (!Pair.contains('=') && Pair.contains(RunTime)))
    Out.AttributesKnown = false;
  for (llvm::StringRef Part : llvm::drop_begin(Parts)) {
    Part = Part.trim();
    auto [Key, Setting] = Part.split('=');
    Key = Key.trim();
    Setting = Setting.trim();
    // `Max-Age={?}`: an attribute whose value is known only at run time is
    // still that attribute; a part whose name is not known may be any.
    if (Key.contains(RunTime)) {
      Out.AttributesKnown = false;
      continue;
    }
    if (Setting.contains(RunTime)) {
      // A flag set from a run-time bool (`setSecure(flag)`) or a SameSite
      // known only at run time: how strong the cookie is, is not known.
      if (Key.equals_insensitive("samesite") || Key.equals_insensitive("secure") ||
          Key.equals_insensitive("httponly"))
        Out.AttributesKnown = false;
      continue;
    }
    if (Key.equals_insensitive("secure"))
      Out.Secure = true;
    else if (Key.equals_insensitive("httponly"))
      Out.HttpOnly = true;
    else if (Key.equals_insensitive("samesite")) {
      if (Setting.equals_insensitive("strict"))
        Out.SameSiteValue = SameSite::Strict;
      else if (Setting.equals_insensitive("lax"))
        Out.SameSiteValue = SameSite::Lax;
      else if (Setting.equals_insensitive("none"))
        Out.SameSiteValue = SameSite::None;
    } else if (Key.equals_insensitive("max-age")) {
      int64_t Seconds = 0;
      if (!Setting.getAsInteger(10, Seconds)) {
        if (Seconds > 0)
          Out.MaxAgeSeconds = uint64_t(Seconds);
        else
          Out.Deletes = true; // `Max-Age=0`: the browser drops the cookie
      }
    }
  }
  return Out;
}

std::string sameSiteAttribute(SameSite Value) {
  std::string Out = spell(Value).str();
  Out[0] = llvm::toUpper(Out[0]);
  return Out;
}

std::string SetCookie::describeAttributes() const {
  std::vector<std::string> Parts;
  if (Secure)
    Parts.push_back("Secure");
  if (HttpOnly)
    Parts.push_back("HttpOnly");
  if (SameSiteValue)
    Parts.push_back("SameSite=" + sameSiteAttribute(*SameSiteValue));
  if (MaxAgeSeconds)
    Parts.push_back("Max-Age=" + std::to_string(*MaxAgeSeconds));
  if (!AttributesKnown)
    Parts.push_back("attributes known only at run time");
  return Parts.empty() ? std::string("no attributes") : llvm::join(Parts, "; ");
}

std::string withCookieAttribute(llvm::StringRef Text, llvm::StringRef Attribute,
                                bool Present, llvm::StringRef Value) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, ';');
  auto [OldName, OldValue] = Parts.front().trim().split('=');
  std::string Out;
  if (Attribute == "name")
    Out = Value.str() + "=" + OldValue.str();
  else if (Attribute == "value")
    Out = OldName.str() + "=" + Value.str();
  else
    Out = Parts.front().trim().str();
  for (llvm::StringRef Part : llvm::drop_begin(Parts)) {
    Part = Part.trim();
    if (Part.split('=').first.trim().equals_insensitive(Attribute))
      continue; // replaced below, or removed
    Out += "; " + Part.str();
  }
  if (Present && Attribute != "name" && Attribute != "value")
    Out += "; " + Attribute.str() + (Value.empty() ? "" : "=" + Value.str());
  return Out;
}

const Cookie *cookieEntry(const Policy &P, llvm::StringRef Name) {
  for (const Cookie &C : P.cookies())
    if (matchesQualifiedNamePattern(C.Name, Name))
      return &C;
  return nullptr;
}

static unsigned strictness(SameSite S) {
  switch (S) {
  case SameSite::None: return 0;
  case SameSite::Lax: return 1;
  case SameSite::Strict: return 2;
  }
  return 0;
}

std::vector<std::string> cookieShortfalls(const SetCookie &Set, const Cookie &Entry) {
  std::vector<std::string> Out;
  if (!Set.AttributesKnown)
    return Out;
  if (Entry.Secure.value_or(false) && !Set.Secure)
    Out.push_back("without Secure");
  if (Entry.HttpOnly.value_or(false) && !Set.HttpOnly)
    Out.push_back("without HttpOnly");
  if (Entry.SameSitePolicy &&
      strictness(Set.effectiveSameSite()) < strictness(*Entry.SameSitePolicy))
    Out.push_back(Set.SameSiteValue ? "with SameSite=" + sameSiteAttribute(*Set.SameSiteValue)
                                    : std::string("with no SameSite (read as Lax)"));
  return Out;
}

template <typename T>
static const T *byFunction(const std::vector<T> &List, llvm::StringRef Name) {
  for (const T &Item : List)
    if (matchesQualifiedNamePattern(Item.Function, Name))
      return &Item;
  return nullptr;
}

const CookieModels::Header *CookieModels::header(llvm::StringRef Name) const {
  return byFunction(Headers, Name);
}
const CookieModels::Setter *CookieModels::setter(llvm::StringRef Name) const {
  return byFunction(Setters, Name);
}
const CookieModels::Set *CookieModels::set(llvm::StringRef Name) const {
  return byFunction(Sets, Name);
}
const CookieModels::Object *CookieModels::object(llvm::StringRef Type) const {
  for (const Object &O : Objects)
    if (matchesQualifiedNamePattern(O.Type, Type))
      return &O;
  return nullptr;
}

bool CookieModels::isSetCookieHeader(llvm::StringRef Name) const {
  for (const std::string &H : HeaderNames)
    if (Name.equals_insensitive(H))
      return true;
  return false;
}

std::optional<SameSite> CookieModels::sameSite(llvm::StringRef Enumerator) const {
  for (const auto &[Name, Value] : SameSiteNames)
    if (Enumerator == Name)
      return Value;
  return std::nullopt;
}

} // namespace policycheck
