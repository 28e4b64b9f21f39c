//===--- Taxonomy.h - The personal-data categories --------------*- C++ -*-===//
//
// The built-in taxonomy (policy-schema/taxonomy.yaml) names every category
// policycheck knows without being told. A policy adds custom keys through its
// `taxonomy:` section and through `categories:` entries outside the built-in
// set; PolicyLoader builds the combined taxonomy a policy is checked against.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TAXONOMY_H
#define POLICYCHECK_TAXONOMY_H

#include "policycheck/PolicyLocation.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace policycheck {

struct TaxonomyEntry {
  std::string Key;
  std::string Description;
  /// Names that mark this category in code (custom keys only; built-in keys are
  /// found by the classifier's rules).
  std::vector<std::string> Identifiers;
  bool BuiltIn = true;
  /// Where a custom key was defined; invalid for built-in keys.
  PolicyLocation Location;
};

class Taxonomy {
public:
  /// The built-in taxonomy, parsed once from the embedded data file.
  static const Taxonomy &builtin();
  /// Parses a taxonomy data file (`categories: {key: description}`).
  static llvm::Expected<Taxonomy> parse(llvm::StringRef Text,
                                        llvm::StringRef FileName);

  const TaxonomyEntry *find(llvm::StringRef Key) const;
  bool contains(llvm::StringRef Key) const { return find(Key) != nullptr; }
  /// Adds a custom key; returns false if the key is already present.
  bool addCustom(TaxonomyEntry Entry);
  /// Every key, sorted.
  std::vector<llvm::StringRef> keys() const;
  const std::map<std::string, TaxonomyEntry> &entries() const { return Entries; }

private:
  std::map<std::string, TaxonomyEntry> Entries;
};

} // namespace policycheck

#endif
