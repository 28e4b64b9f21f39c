//===--- Classifier.h - Which names hold which personal data ----*- C++ -*-===//
//
// The name classifier maps identifier, field, method, JSON-key and SQL-column
// names to categories, type-aware: `std::string user_email` holds an email,
// `bool has_email` and `int email_count` do not. Its rules are data
// (policy-schema/classifier.yaml, documented there); a policy adds its own
// names through `identifiers`, which outrank the built-in rules.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_CLASSIFIER_H
#define POLICYCHECK_CLASSIFIER_H

#include "policycheck/PolicyLocation.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace policycheck {

class Policy;

/// Where a name was found; methods lose their `get` prefixes, JSON keys and
/// SQL columns have no type.
enum class NameKind { Identifier, Method, JsonKey, SqlColumn };

/// The shape of the value a name holds, as far as the classifier cares.
enum class TypeClass {
  String, Bytes, Integer, Float, Bool, Record, Time, Json, Container, Unknown
};

std::optional<NameKind> parseNameKind(llvm::StringRef Text);
std::optional<TypeClass> parseTypeClass(llvm::StringRef Text);
llvm::StringRef spell(NameKind Kind);
llvm::StringRef spell(TypeClass Type);

struct ClassifierRule {
  std::string Category;
  std::vector<std::vector<std::string>> Names; // word sequences
  std::set<TypeClass> Holds;
  std::set<std::string> After;    // empty: no context needed
  std::set<std::string> NotAfter; // words that must not come just before
  std::set<std::string> OwnerWords; // the owner must have one of these words
  bool Exact = false;
  /// `or_declared`: categories the name also fits (a `city` is the address's
  /// or a coarse location); a policy that declares one of them and not
  /// Category gets that one.
  std::vector<std::string> OrDeclared;
  /// True for rules made from a policy's `identifiers`.
  bool FromPolicy = false;
  PolicyLocation Location; // the rule in the data file or policy
};

/// Why a name was classified: the rule and the words that matched.
struct Classification {
  std::string Category;
  const ClassifierRule *Rule = nullptr;
  std::string MatchedWords; // e.g. "email"
};

class Classifier {
public:
  /// The built-in rules, parsed once from the embedded data file.
  static const Classifier &builtin();
  static llvm::Expected<Classifier> parse(llvm::StringRef Text,
                                          llvm::StringRef FileName);

  /// The built-in rules extended by a policy's `identifiers` (of its
  /// `categories` and `taxonomy` entries).
  Classifier withPolicy(const Policy &P) const;

  /// Classifies one name. \p Owner is the record type or object a field
  /// belongs to (`User` for `User::name`), which gives context to names such
  /// as `name` and `address`; empty when there is none.
  std::optional<Classification> classify(llvm::StringRef Name, NameKind Kind,
                                         TypeClass Type,
                                         llvm::StringRef Owner = "") const;

  const std::vector<ClassifierRule> &rules() const { return Rules; }

private:
  std::vector<ClassifierRule> Rules;
  std::map<std::string, std::set<std::string>> WordSets;
};

} // namespace policycheck

#endif
