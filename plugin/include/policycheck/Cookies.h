//===--- Cookies.h - Cookies the code sets --------------------*- C++ -*-===//
//
// A cookie is set by a `Set-Cookie` header (through any modelled server or
// client library) or by a library cookie object handed to a response or a
// jar. Both come down to the header's text, as far as the analysis knows it
// (`session={?}; Secure; HttpOnly`): a cookie object is followed as the text
// it would send, its setters editing that text. The library models say which
// calls set headers, which classes are cookies and what their setters set
// (`cookies:` in policy-schema/models/cookies.yaml).
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_COOKIES_H
#define POLICYCHECK_COOKIES_H

#include "policycheck/Policy.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policycheck {

/// A Set-Cookie header's text, read.
struct SetCookie {
  /// Empty when the name is known only at run time.
  std::string Name;
  /// False when some attribute is known only at run time: what is written
  /// may still be added to at run time, so no attribute is held to the policy.
  bool AttributesKnown = true;
  bool Secure = false;
  bool HttpOnly = false;
  std::optional<SameSite> SameSiteValue; // unset: browsers read it as lax
  std::optional<uint64_t> MaxAgeSeconds;
  /// `Max-Age=0` (or less): the header clears the cookie, as a logout or an
  /// opt-out does; it sets nothing to hold to the policy.
  bool Deletes = false;

  /// What browsers do with an unset SameSite (contract section 4).
  SameSite effectiveSameSite() const { return SameSiteValue.value_or(SameSite::Lax); }
  /// `Secure; HttpOnly; SameSite=Strict`, for messages and the data map.
  std::string describeAttributes() const;
};

/// Reads a Set-Cookie header's text, where `{?}` marks a part known only at
/// run time. A cookie's value cannot hold `;` (RFC 6265), so one run-time
/// part in the value hides no attribute; a second one may be attributes. An
/// attribute whose value alone is known at run time (`Max-Age={?}`) hides
/// none either.
SetCookie parseSetCookie(llvm::StringRef Text);

/// The header's text with one attribute set (\p Value, or `Name` alone for
/// a flag) or, when \p Present is false, removed. `name` and `value` stand
/// for the cookie's own name and value.
std::string withCookieAttribute(llvm::StringRef Text, llvm::StringRef Attribute,
                                bool Present, llvm::StringRef Value = "");

/// `Strict` for SameSite::Strict: the attribute's value as headers spell it.
std::string sameSiteAttribute(SameSite Value);

/// The policy's entry for a cookie name: the first whose name or glob
/// matches, or null.
const Cookie *cookieEntry(const Policy &P, llvm::StringRef Name);

/// What falls short of the policy's entry: `without Secure`, `with
/// SameSite=Lax`; empty when nothing does.
std::vector<std::string> cookieShortfalls(const SetCookie &Set, const Cookie &Entry);

/// What the library models say about cookies.
struct CookieModels {
  /// A call that sets a header: its name and value arguments.
  struct Header {
    std::string Function;
    unsigned NameArgument = 0, ValueArgument = 1;
  };
  /// A cookie class, and its constructor's name and value arguments.
  struct Object {
    std::string Type;
    std::optional<unsigned> NameArgument, ValueArgument;
  };
  /// A setter of a cookie object: the attribute (`Secure`, `SameSite`,
  /// `Max-Age`, or `name`, `value`) its first argument sets.
  struct Setter {
    std::string Function;
    std::string Attribute;
  };
  /// A call that sets a cookie object (`response.addCookie(cookie)`).
  struct Set {
    std::string Function;
    unsigned CookieArgument = 0;
  };
  std::vector<Header> Headers;
  std::vector<Object> Objects;
  std::vector<Setter> Setters;
  std::vector<Set> Sets;
  /// Texts (case-insensitive) and enumerator names that name the
  /// Set-Cookie header (`Set-Cookie`, Beast's `field::set_cookie`).
  std::vector<std::string> HeaderNames;
  /// Enumerator names of SameSite values (`SAME_SITE_STRICT`), by value.
  std::vector<std::pair<std::string, SameSite>> SameSiteNames;

  const Header *header(llvm::StringRef QualifiedName) const;
  const Object *object(llvm::StringRef QualifiedTypeName) const;
  const Setter *setter(llvm::StringRef QualifiedName) const;
  const Set *set(llvm::StringRef QualifiedName) const;
  bool isSetCookieHeader(llvm::StringRef TextOrEnumerator) const;
  std::optional<SameSite> sameSite(llvm::StringRef Enumerator) const;
};

} // namespace policycheck

#endif
