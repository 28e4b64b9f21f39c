//===--- Taxonomy.cpp - The personal-data categories ----------------------===//
#include "policycheck/Taxonomy.h"

#include "policycheck/BuiltinData.h"
#include "policycheck/Category.h"
#include "policycheck/YamlSupport.h"

#include "llvm/Support/ErrorHandling.h"

namespace policycheck {

const Taxonomy &Taxonomy::builtin() {
  static const Taxonomy Builtin = [] {
    builtin::DataFile File = builtin::taxonomyFile();
    llvm::Expected<Taxonomy> Parsed = parse(File.Text, File.Name);
    if (!Parsed) // The file is part of the build and tested; this is a bug.
      llvm::report_fatal_error(llvm::toString(Parsed.takeError()).c_str());
    return std::move(*Parsed);
  }();
  return Builtin;
}

llvm::Expected<Taxonomy> Taxonomy::parse(llvm::StringRef Text,
                                         llvm::StringRef FileName) {
  llvm::Expected<YAML::Node> Root = parseYamlDocument(Text, FileName);
  if (!Root)
    return Root.takeError();
  YAML::Node Categories = child((*Root), "categories");
  if (!Categories.IsMap())
    return makePolicyError(FileName, *Root,
                           "expected a mapping 'categories' of key: description");
  Taxonomy Result;
  for (const auto &Pair : Categories) {
    const std::string &Key = Pair.first.Scalar();
    if (!isValidCategoryKey(Key))
      return makePolicyError(FileName, Pair.first,
                             "invalid category key '" + Key + "'");
    if (!Pair.second.IsScalar())
      return makePolicyError(FileName, Pair.second,
                             "expected a one-line description of '" + Key + "'");
    TaxonomyEntry Entry;
    Entry.Key = Key;
    Entry.Description = Pair.second.Scalar();
    Entry.BuiltIn = true;
    if (!Result.Entries.emplace(Key, std::move(Entry)).second)
      return makePolicyError(FileName, Pair.first,
                             "duplicate category key '" + Key + "'");
  }
  // Every key's parent must exist, so that the hierarchy has no holes.
  for (const auto &[Key, Entry] : Result.Entries) {
    llvm::StringRef Parent = parentCategory(Key);
    if (!Parent.empty() && !Result.contains(Parent))
      return makePolicyError(FileName, Categories,
                             "category '" + Key + "' has no parent '" +
                                 Parent.str() + "'");
  }
  return Result;
}

const TaxonomyEntry *Taxonomy::find(llvm::StringRef Key) const {
  auto It = Entries.find(Key.str());
  return It == Entries.end() ? nullptr : &It->second;
}

bool Taxonomy::addCustom(TaxonomyEntry Entry) {
  Entry.BuiltIn = false;
  std::string Key = Entry.Key;
  return Entries.emplace(std::move(Key), std::move(Entry)).second;
}

std::vector<llvm::StringRef> Taxonomy::keys() const {
  std::vector<llvm::StringRef> Keys;
  Keys.reserve(Entries.size());
  for (const auto &Entry : Entries)
    Keys.push_back(Entry.first);
  return Keys;
}

} // namespace policycheck
