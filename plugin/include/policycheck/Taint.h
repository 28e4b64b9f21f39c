//===--- Taint.h - What personal data a value holds -------------*- C++ -*-===//
//
// A value holds concrete facts (this is an email, found from the field
// `email`) and, inside a function, the unknown data of its parameters, which
// the function's summary carries to each call site.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TAINT_H
#define POLICYCHECK_TAINT_H

#include "policycheck/Policy.h"
#include "policycheck/PositionRecord.h"

#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace policycheck {

/// Hashing and encryption keep a value's category (contract section 1); they
/// are remembered so storage promises can be checked, with the hash's
/// strength and name for the policy's `hash:` promise.
struct Protection {
  bool Hashed = false;
  bool Encrypted = false;
  /// The strength of the strongest hash applied, when Hashed.
  HashGrade Strength = HashGrade::Unknown;
  std::string Hash; // what hashed it, for messages: `SHA256`, `crypt`

  static Protection hashed(HashGrade Strength, std::string Hash) {
    return {true, false, Strength, std::move(Hash)};
  }
  static Protection encrypted() { return {false, true, HashGrade::Unknown, ""}; }

  /// This protection with \p Over applied after it: a hash over a hash is as
  /// strong as the stronger of the two.
  Protection then(const Protection &Over) const;
  /// The protection of a value that arrives either this way or \p Other's:
  /// protected only if both are, as strong as the weaker known hash.
  Protection weakest(const Protection &Other) const;
  /// Less than \p Known tells: not hashed or not encrypted where it is, or
  /// hashed with a known weak hash or digest where \p Known's strength is
  /// unknown or stronger. What a name says (`password_hash`) gives way to
  /// what the flow shows.
  bool weakerThan(const Protection &Known) const;
  bool operator==(const Protection &O) const {
    return Hashed == O.Hashed && Encrypted == O.Encrypted &&
           Strength == O.Strength && Hash == O.Hash;
  }
};

/// One category a value holds, and how that was found.
struct DataFact {
  std::string Category;
  clang::SourceLocation Origin; // where it was classified
  /// Where it was classified, when that is in another translation unit
  /// (the fact came with a function's summary): Origin is then invalid.
  PositionRecord OriginElsewhere;
  std::string How;              // e.g. "the field 'email' (by its name)"
  Protection Protected;
};

/// The unknown data of a function's parameter, or of one of its fields.
struct ParamUse {
  /// The object a method is called on, as a parameter (`this`).
  static constexpr unsigned Receiver = ~0u;
  unsigned Index = 0;
  Protection Protected;
  /// Empty for the whole parameter; `.user_id` or `.account.email` for a
  /// field, so that a caller's other fields do not flow where this one goes.
  std::string Field;
};

class Taint {
public:
  const std::vector<DataFact> &facts() const { return Facts; }
  const std::vector<ParamUse> &params() const { return Params; }
  bool empty() const { return Facts.empty() && Params.empty(); }
  bool hasCategory(llvm::StringRef Category) const;

  /// Adds a fact. A category already held keeps its first origin; it stays
  /// protected only if every way it arrives is protected.
  void add(DataFact Fact);
  void addParam(ParamUse Use);
  void merge(const Taint &Other);
  /// The value after a transform: hashed or encrypted data keeps its
  /// categories, anonymized data has none.
  Taint transformed(TransformResult Result) const;
  /// The value with \p Added applied over what protects it already.
  Taint protectedBy(const Protection &Added) const;

private:
  std::vector<DataFact> Facts;
  std::vector<ParamUse> Params;
};

} // namespace policycheck

#endif
