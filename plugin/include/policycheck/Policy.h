//===--- Policy.h - The declared privacy-policy model -----------*- C++ -*-===//
//
// The immutable, in-memory form of a `privacy-policy.yaml` (contract section
// 1). PolicyLoader builds it; the checks only ask it questions: is a category
// declared, never collected, received by a vendor; which vendor owns a host;
// what storage a category requires. Every entry remembers its line in the
// policy file so that findings can point at the words they hold the code to.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_POLICY_H
#define POLICYCHECK_POLICY_H

#include "policycheck/Duration.h"
#include "policycheck/HostPattern.h"
#include "policycheck/PolicyLocation.h"
#include "policycheck/Taxonomy.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace policycheck {

enum class StorageRule { Plain, Hashed, Encrypted, None };
enum class HashStrength { Any, Password, Digest };
enum class TransformResult { Hashed, Encrypted, Anonymized };
/// How strong a hash is, weakest first (contract section 4): MD5, SHA-1,
/// CRC, std::hash are weak; SHA-256 and stronger, SHA-3, BLAKE2 and HMAC over
/// them are digests; scrypt, argon2, bcrypt, PBKDF2 are password hashes.
/// Unknown when nothing says (a generic digest call whose algorithm is known
/// only at run time): no strength promise is judged on it.
enum class HashGrade { Unknown, Weak, Digest, Password };
enum class CookiePurpose { Essential, Preferences, Analytics, Advertising };
enum class SameSite { Strict, Lax, None };

llvm::StringRef spell(StorageRule Rule);
llvm::StringRef spell(HashStrength Strength);
llvm::StringRef spell(TransformResult Result);
/// `weak`, `digest`, `password` as the policy and the models write them.
llvm::StringRef spell(HashGrade Grade);
/// `a weak hash`, `a digest`, `a password hash`, for messages.
llvm::StringRef describe(HashGrade Grade);
/// The weakest grade that keeps a `hash:` promise (Unknown for `any`).
HashGrade requiredGrade(HashStrength Strength);
llvm::StringRef spell(CookiePurpose Purpose);
llvm::StringRef spell(SameSite Value);

/// A category key as written at one place of the policy.
struct CategoryRef {
  std::string Key;
  PolicyLocation Location;
};

/// An entry of `categories`: a category the service says it collects.
struct CategoryDecl {
  std::string Key;
  std::string Description;
  StorageRule Storage = StorageRule::Plain;
  HashStrength Hash = HashStrength::Any;
  std::optional<Duration> Retention;
  std::vector<std::string> Identifiers;
  PolicyLocation Location;
  PolicyLocation StorageLocation;   // invalid when `storage` is not written
  PolicyLocation HashLocation;      // invalid when `hash` is not written
  PolicyLocation RetentionLocation; // invalid when `retention` is not written
};

/// The reserved vendor id for destinations the user configures (webhooks).
constexpr llvm::StringLiteral UserEndpointsVendorId = "user_endpoints";

struct Vendor {
  std::string Id;
  std::string Name;
  std::string Purpose;
  std::string Document;
  std::vector<HostPattern> Hosts;
  std::vector<std::string> Sdk;
  std::vector<CategoryRef> Receives;
  PolicyLocation Location;
  PolicyLocation ReceivesLocation; // invalid when `receives` is not written

  bool isUserEndpoints() const { return Id == UserEndpointsVendorId; }
  /// `posthog (PostHog)`, or the id alone when the policy gives no name.
  std::string displayName() const;
  /// The `receives` entry that covers \p Category, or null.
  const CategoryRef *receivesEntry(llvm::StringRef Category) const;
};

struct Cookie {
  std::string Name; // a cookie name or a glob such as `ph_*`
  std::string Description;
  std::optional<CookiePurpose> Purpose;
  std::optional<bool> Secure;
  std::optional<bool> HttpOnly;
  std::optional<SameSite> SameSitePolicy;
  PolicyLocation Location;
};

struct ConsentRule {
  std::string Id;
  std::string Description;
  bool DefaultOn = false; // `default: on` is opt-out; `off` is opt-in
  std::vector<std::string> Vendors;
  std::vector<std::string> Cookies;
  std::string Check; // qualified name of the function that tells
  PolicyLocation Location;
};

/// `code: sources`: a function whose result is personal data.
struct SourceModel {
  std::string Function; // qualified-name pattern, `*` wildcard
  std::string Category;
  PolicyLocation Location;
};

/// `code: sinks`: a function that sends, stores or logs its arguments.
struct SinkModel {
  enum class Kind { Vendor, Storage, Log, Url };
  std::string Function;
  Kind SinkKind = Kind::Storage;
  std::string VendorId;            // Kind::Vendor
  unsigned UrlArgument = 0;        // Kind::Url
  std::vector<unsigned> Arguments; // empty: every argument carries data
  PolicyLocation Location;
};

/// `code: transforms`: a function that hashes, encrypts or anonymizes.
struct TransformModel {
  std::string Function;
  TransformResult Result = TransformResult::Hashed;
  HashGrade Strength = HashGrade::Unknown; // `strength:`, with `result: hashed`
  PolicyLocation Location;
};

/// `code: retention`: a duration constant that keeps a category.
struct RetentionModel {
  std::string Constant;
  std::string Category;
  PolicyLocation Location;
};

class Policy {
public:
  const std::string &fileName() const { return FileName; }
  const std::string &service() const { return Service; }
  const std::string &document() const { return Document; }
  const std::string &updated() const { return Updated; }

  /// The built-in taxonomy and the policy's own keys.
  const Taxonomy &taxonomy() const { return Categories; }

  const std::vector<CategoryDecl> &categories() const { return Declared; }
  /// The most specific declaration covering \p Category, or null when the
  /// policy does not declare it.
  const CategoryDecl *declaration(llvm::StringRef Category) const;
  /// The `not_collected` entry covering \p Category, or null.
  const CategoryRef *notCollectedEntry(llvm::StringRef Category) const;
  const std::vector<CategoryRef> &notCollected() const { return NotCollected; }

  const std::vector<Vendor> &vendors() const { return Vendors; }
  /// Where `vendors:` is written (the top of the file when it is not).
  PolicyLocation vendorsLocation() const { return VendorsLocation; }
  const Vendor *vendor(llvm::StringRef Id) const;
  /// The vendor whose most specific host pattern matches \p Host, or null.
  const Vendor *vendorForHost(llvm::StringRef Host) const;
  /// The vendor whose `sdk` patterns match the qualified function name.
  const Vendor *vendorForFunction(llvm::StringRef QualifiedName) const;

  const std::vector<HostPattern> &firstPartyHosts() const { return FirstPartyHosts; }
  /// True for the service's own hosts and for loopback.
  bool isFirstPartyHost(llvm::StringRef Host) const;
  const std::vector<CategoryRef> &logsAllowed() const { return LogsAllowed; }
  /// The `first_party.logs.allowed` entry covering \p Category, or null.
  const CategoryRef *logsAllowedEntry(llvm::StringRef Category) const;
  PolicyLocation logsLocation() const { return LogsLocation; }

  const std::vector<Cookie> &cookies() const { return Cookies; }
  /// Where `cookies:` is written (the top of the file when it is not).
  PolicyLocation cookiesLocation() const { return CookiesLocation; }
  const std::vector<ConsentRule> &consent() const { return Consent; }

  const std::vector<SourceModel> &sourceModels() const { return Sources; }
  const std::vector<SinkModel> &sinkModels() const { return Sinks; }
  const std::vector<TransformModel> &transformModels() const { return Transforms; }
  const std::vector<RetentionModel> &retentionModels() const { return Retention; }

private:
  friend class PolicyParser;

  std::string FileName;
  std::string Service;
  std::string Document;
  std::string Updated;
  Taxonomy Categories;
  std::vector<CategoryDecl> Declared;
  std::vector<CategoryRef> NotCollected;
  std::vector<Vendor> Vendors;
  PolicyLocation VendorsLocation;
  std::vector<HostPattern> FirstPartyHosts;
  std::vector<CategoryRef> LogsAllowed;
  PolicyLocation LogsLocation;
  std::vector<Cookie> Cookies;
  PolicyLocation CookiesLocation;
  std::vector<ConsentRule> Consent;
  std::vector<SourceModel> Sources;
  std::vector<SinkModel> Sinks;
  std::vector<TransformModel> Transforms;
  std::vector<RetentionModel> Retention;
};

/// True when a qualified name such as `mixlens::analytics::track` matches a
/// pattern from the policy, where `*` stands for any run of characters.
bool matchesQualifiedNamePattern(llvm::StringRef Pattern, llvm::StringRef Name);

} // namespace policycheck

#endif
