//===--- PolicyLoader.cpp - Reading privacy-policy.yaml -------------------===//
//
// Reads exactly the format of contract section 1. Every check stops at the
// first problem and reports it at the offending key or value, naming what was
// expected there: users fix one clear error at a time rather than wade through
// cascades. Nothing is defaulted silently: an unknown key, a wrong type or an
// unknown category is an error, never ignored.
//
//===----------------------------------------------------------------------===//
#include "policycheck/PolicyLoader.h"

#include "policycheck/Category.h"
#include "policycheck/DidYouMean.h"
#include "policycheck/YamlSupport.h"

#include "policycheck/CharClass.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>

namespace policycheck {

namespace {

/// One key-value pair of a YAML mapping, with its path for messages.
struct Entry {
  YAML::Node Key;
  YAML::Node Value;
  std::string Name;
  std::string Path; // e.g. `vendors.posthog.hosts`
};

std::string quoted(llvm::StringRef S) { return ("'" + S + "'").str(); }

std::string joinNames(llvm::ArrayRef<llvm::StringRef> Words) {
  std::string Result;
  for (llvm::StringRef Word : Words) {
    if (!Result.empty())
      Result += ", ";
    Result += Word.str();
  }
  return Result;
}

bool isVendorId(llvm::StringRef Id) {
  return !Id.empty() && isAsciiLower(Id.front()) &&
         llvm::all_of(Id, [](char C) {
           return isAsciiLower(C) || llvm::isDigit(C) || C == '_' || C == '-';
         });
}

bool isIdentifier(llvm::StringRef Name) {
  return !Name.empty() && !llvm::isDigit(Name.front()) &&
         llvm::all_of(Name, [](char C) { return llvm::isAlnum(C) || C == '_'; });
}

bool isFunctionPattern(llvm::StringRef Pattern) {
  return !Pattern.empty() && !llvm::isDigit(Pattern.front()) &&
         Pattern.front() != ':' && Pattern.front() != '~' &&
         llvm::all_of(Pattern, [](char C) {
           return llvm::isAlnum(C) || C == '_' || C == ':' || C == '*' ||
                  C == '~';
         });
}

bool isCookieName(llvm::StringRef Name) {
  return !Name.empty() && llvm::all_of(Name, [](char C) {
    return llvm::isAlnum(C) || C == '_' || C == '-' || C == '.' || C == '*';
  });
}

bool isDate(llvm::StringRef S) {
  if (S.size() != 10 || S[4] != '-' || S[7] != '-')
    return false;
  for (size_t I : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!llvm::isDigit(S[I]))
      return false;
  unsigned Year = 0, Month = 0, Day = 0;
  S.substr(0, 4).getAsInteger(10, Year);
  S.substr(5, 2).getAsInteger(10, Month);
  S.substr(8, 2).getAsInteger(10, Day);
  if (Month < 1 || Month > 12 || Day < 1)
    return false;
  static const unsigned DaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool Leap = (Year % 4 == 0 && Year % 100 != 0) || Year % 400 == 0;
  return Day <= DaysIn[Month - 1] + (Month == 2 && Leap ? 1 : 0);
}

} // namespace

class PolicyParser {
public:
  explicit PolicyParser(llvm::StringRef FileName) { P.FileName = FileName.str(); }

  llvm::Expected<std::shared_ptr<const Policy>> parse(llvm::StringRef Text);

private:
  Policy P;

  // --- Reporting -----------------------------------------------------------
  llvm::Error errorAt(const YAML::Node &Node, const std::string &Message) {
    return makePolicyError(P.FileName, Node, Message);
  }
  /// Errors about a value point at the value, or at its key when the value is
  /// empty (yaml-cpp gives empty values no useful position).
  llvm::Error errorAtValue(const Entry &E, const std::string &Message) {
    return errorAt(isNullNode(E.Value) ? E.Key : E.Value, Message);
  }
  llvm::Error typeError(const Entry &E, llvm::StringRef Expected) {
    return errorAtValue(E, quoted(E.Path) + " must be " + Expected.str() +
                               ", not " + describeNode(E.Value));
  }

  // --- Structure -----------------------------------------------------------
  llvm::Expected<std::vector<Entry>>
  entriesOf(const YAML::Node &Map, const std::string &Path,
            llvm::ArrayRef<llvm::StringRef> Allowed);
  llvm::Expected<std::vector<Entry>>
  mapEntries(const Entry &E, llvm::StringRef What,
             llvm::ArrayRef<llvm::StringRef> Allowed);
  llvm::Error expectList(const Entry &E, llvm::StringRef OfWhat);
  llvm::Expected<std::string> stringValue(const Entry &E);
  llvm::Expected<std::string> textValue(const Entry &E);
  llvm::Expected<std::string> urlValue(const Entry &E);
  llvm::Expected<std::vector<std::pair<std::string, YAML::Node>>>
  stringList(const Entry &E, llvm::StringRef OfWhat);
  template <typename EnumT>
  llvm::Expected<EnumT>
  enumValue(const Entry &E,
            llvm::ArrayRef<std::pair<llvm::StringRef, EnumT>> Choices);
  llvm::Expected<unsigned> indexValue(const Entry &E, const YAML::Node &Node);

  // --- Categories ----------------------------------------------------------
  llvm::Error checkCategoryKey(const YAML::Node &Node, llvm::StringRef Key,
                               llvm::StringRef Where);
  llvm::Expected<std::vector<CategoryRef>>
  knownCategoryList(const Entry &E);
  llvm::Error checkKnownCategory(const YAML::Node &Node, llvm::StringRef Key,
                                 llvm::StringRef Where);
  std::string categoryHint(llvm::StringRef Key) {
    std::string Suggestion = suggestCategory(Key, P.Categories.keys());
    return Suggestion.empty() ? std::string()
                              : "; did you mean " + quoted(Suggestion) + "?";
  }
  llvm::Expected<std::vector<std::string>> identifierList(const Entry &E);

  // --- Sections ------------------------------------------------------------
  llvm::Error parseHeader(const std::vector<Entry> &Top, const YAML::Node &Root);
  llvm::Error parseTaxonomy(const Entry &E);
  llvm::Error parseCategories(const Entry &E);
  llvm::Error parseNotCollected(const Entry &E);
  llvm::Error parseFirstParty(const Entry &E);
  llvm::Error parseVendors(const Entry &E);
  llvm::Error parseHosts(const Entry &E, std::vector<HostPattern> &Hosts);
  llvm::Error parseCookies(const Entry &E);
  llvm::Error parseConsent(const Entry &E);
  llvm::Error parseCode(const Entry &E);
  llvm::Error checkHostOwnership();

  PolicyLocation loc(const YAML::Node &Node) { return locationOf(P.FileName, Node); }
};

//===----------------------------------------------------------------------===//
// Structure
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<Entry>>
PolicyParser::entriesOf(const YAML::Node &Map, const std::string &Path,
                        llvm::ArrayRef<llvm::StringRef> Allowed) {
  std::vector<Entry> Entries;
  std::map<std::string, unsigned> SeenAtLine;
  std::string Where = Path.empty() ? "at the top level" : "in " + quoted(Path);
  for (const auto &Pair : Map) {
    if (!Pair.first.IsScalar() || isNullNode(Pair.first))
      return errorAt(Pair.first, "keys " + Where + " must be plain names, not " +
                                     describeNode(Pair.first));
    Entry E;
    E.Key = Pair.first;
    E.Value = Pair.second;
    E.Name = Pair.first.Scalar();
    E.Path = Path.empty() ? E.Name : Path + "." + E.Name;
    unsigned Line = loc(E.Key).Line;
    auto [It, Inserted] = SeenAtLine.emplace(E.Name, Line);
    if (!Inserted)
      return errorAt(E.Key, "duplicate key " + quoted(E.Name) + " " + Where +
                                "; it is first defined at line " +
                                std::to_string(It->second));
    if (!Allowed.empty() && !llvm::is_contained(Allowed, E.Name)) {
      std::string Hint = didYouMeanSuffix(E.Name, Allowed);
      if (Hint.empty())
        Hint = "; expected one of: " + joinNames(Allowed);
      return errorAt(E.Key, "unknown key " + quoted(E.Name) + " " + Where + Hint);
    }
    Entries.push_back(std::move(E));
  }
  return Entries;
}

llvm::Expected<std::vector<Entry>>
PolicyParser::mapEntries(const Entry &E, llvm::StringRef What,
                         llvm::ArrayRef<llvm::StringRef> Allowed) {
  if (!E.Value.IsMap())
    return typeError(E, What);
  return entriesOf(E.Value, E.Path, Allowed);
}

static const Entry *findEntry(const std::vector<Entry> &Entries,
                              llvm::StringRef Name) {
  for (const Entry &E : Entries)
    if (E.Name == Name)
      return &E;
  return nullptr;
}

llvm::Error PolicyParser::expectList(const Entry &E, llvm::StringRef OfWhat) {
  if (!E.Value.IsSequence())
    return typeError(E, ("a list of " + OfWhat).str());
  return llvm::Error::success();
}

llvm::Expected<std::string> PolicyParser::stringValue(const Entry &E) {
  if (!isStringNode(E.Value))
    return typeError(E, "a string");
  return E.Value.Scalar();
}

llvm::Expected<std::string> PolicyParser::urlValue(const Entry &E) {
  auto Text = stringValue(E);
  if (!Text)
    return Text.takeError();
  llvm::StringRef Url = *Text;
  if (!(Url.startswith("https://") || Url.startswith("http://")) ||
      Url.contains(' '))
    return errorAtValue(E, quoted(E.Path) + " must be an http(s) URL such as "
                                            "'https://example.com/privacy', "
                                            "not " + quoted(Url));
  return *Text;
}

llvm::Expected<std::string> PolicyParser::textValue(const Entry &E) {
  // Free text (names, descriptions) may happen to look like a number.
  if (!E.Value.IsScalar() || isNullNode(E.Value))
    return typeError(E, "text");
  return E.Value.Scalar();
}

llvm::Expected<std::vector<std::pair<std::string, YAML::Node>>>
PolicyParser::stringList(const Entry &E, llvm::StringRef OfWhat) {
  if (llvm::Error Err = expectList(E, OfWhat))
    return Err;
  std::vector<std::pair<std::string, YAML::Node>> Items;
  std::map<std::string, unsigned> Seen;
  for (const YAML::Node &Item : E.Value) {
    if (!isStringNode(Item))
      return errorAt(Item, quoted(E.Path) + " must be a list of " + OfWhat.str() +
                               ", but this item is " + describeNode(Item));
    auto [It, Inserted] = Seen.emplace(Item.Scalar(), loc(Item).Line);
    if (!Inserted)
      return errorAt(Item, quoted(Item.Scalar()) + " is listed twice in " +
                               quoted(E.Path) + "; first at line " +
                               std::to_string(It->second));
    Items.emplace_back(Item.Scalar(), Item);
  }
  return Items;
}

template <typename EnumT>
llvm::Expected<EnumT> PolicyParser::enumValue(
    const Entry &E, llvm::ArrayRef<std::pair<llvm::StringRef, EnumT>> Choices) {
  std::vector<llvm::StringRef> Names;
  for (const auto &Choice : Choices)
    Names.push_back(Choice.first);
  std::string Expected = "one of: " + joinNames(Names);
  if (!E.Value.IsScalar() || isNullNode(E.Value))
    return typeError(E, Expected);
  const std::string &Text = E.Value.Scalar();
  for (const auto &Choice : Choices)
    if (Text == Choice.first)
      return Choice.second;
  return errorAtValue(E, "invalid value " + quoted(Text) + " for " +
                             quoted(E.Path) + "; expected " + Expected +
                             didYouMeanSuffix(Text, Names));
}

llvm::Expected<unsigned> PolicyParser::indexValue(const Entry &E,
                                                  const YAML::Node &Node) {
  std::optional<int64_t> Value = asInteger(Node);
  if (!Value || *Value < 0 || *Value > 255)
    return errorAt(isNullNode(Node) ? E.Key : Node,
                   quoted(E.Path) + " must hold argument positions counted from "
                                    "0, not " +
                       (Node.IsScalar() && !isNullNode(Node) ? Node.Scalar()
                                                             : describeNode(Node)));
  return static_cast<unsigned>(*Value);
}

//===----------------------------------------------------------------------===//
// Categories
//===----------------------------------------------------------------------===//

llvm::Error PolicyParser::checkCategoryKey(const YAML::Node &Node,
                                           llvm::StringRef Key,
                                           llvm::StringRef Where) {
  if (isValidCategoryKey(Key))
    return llvm::Error::success();
  std::string Hint;
  std::string Lower = Key.lower();
  if (isValidCategoryKey(Lower) && P.Categories.contains(Lower))
    Hint = "; did you mean " + quoted(Lower) + "?";
  return errorAt(Node, "invalid category key " + quoted(Key) + " in " +
                           quoted(Where) +
                           "; expected dotted lower-case words under 'user' or "
                           "'system', such as 'user.contact.email'" +
                           Hint);
}

llvm::Error PolicyParser::checkKnownCategory(const YAML::Node &Node,
                                             llvm::StringRef Key,
                                             llvm::StringRef Where) {
  if (llvm::Error Err = checkCategoryKey(Node, Key, Where))
    return Err;
  if (P.Categories.contains(Key))
    return llvm::Error::success();
  return errorAt(Node, quoted(Key) + " in " + quoted(Where) +
                           " is neither declared in 'categories' nor in the "
                           "taxonomy" +
                           categoryHint(Key));
}

llvm::Expected<std::vector<CategoryRef>>
PolicyParser::knownCategoryList(const Entry &E) {
  auto Items = stringList(E, "category keys");
  if (!Items)
    return Items.takeError();
  std::vector<CategoryRef> Refs;
  for (const auto &[Key, Node] : *Items) {
    if (llvm::Error Err = checkKnownCategory(Node, Key, E.Path))
      return Err;
    Refs.push_back({Key, loc(Node)});
  }
  return Refs;
}

llvm::Expected<std::vector<std::string>>
PolicyParser::identifierList(const Entry &E) {
  auto Items = stringList(E, "identifiers");
  if (!Items)
    return Items.takeError();
  if (Items->empty())
    return errorAtValue(E, quoted(E.Path) +
                               " is empty; expected the names that mark the "
                               "category in code, such as [audio, wav]");
  std::vector<std::string> Names;
  for (const auto &[Name, Node] : *Items) {
    if (!isIdentifier(Name))
      return errorAt(Node, "invalid identifier " + quoted(Name) + " in " +
                               quoted(E.Path) +
                               "; expected a C++ name such as 'upload_bytes'");
    Names.push_back(Name);
  }
  return Names;
}

//===----------------------------------------------------------------------===//
// Sections
//===----------------------------------------------------------------------===//

static const llvm::StringRef TopLevelKeys[] = {
    "version", "service",  "document", "updated", "first_party", "categories",
    "not_collected", "vendors", "cookies", "consent", "taxonomy", "code"};

llvm::Expected<std::shared_ptr<const Policy>>
PolicyParser::parse(llvm::StringRef Text) {
  llvm::Expected<YAML::Node> Root = parseYamlDocument(Text, P.FileName);
  if (!Root)
    return Root.takeError();
  if (isNullNode(*Root))
    return llvm::make_error<PolicyError>(
        PolicyLocation{P.FileName, 1, 1},
        "the policy is empty; expected a mapping with 'version', 'service' and "
        "'categories'");
  if (!Root->IsMap())
    return errorAt(*Root, "the policy must be a mapping with 'version', "
                          "'service' and 'categories', not " +
                              describeNode(*Root));
  auto Top = entriesOf(*Root, "", TopLevelKeys);
  if (!Top)
    return Top.takeError();
  if (llvm::Error Err = parseHeader(*Top, *Root))
    return Err;

  P.Categories = Taxonomy::builtin();
  P.VendorsLocation = PolicyLocation{P.FileName, 1, 1};
  P.CookiesLocation = PolicyLocation{P.FileName, 1, 1};
  // Custom keys first: `categories`, `not_collected` and `receives` may name
  // them.
  if (const Entry *E = findEntry(*Top, "taxonomy"))
    if (llvm::Error Err = parseTaxonomy(*E))
      return Err;
  if (llvm::Error Err = parseCategories(*findEntry(*Top, "categories")))
    return Err;
  using SectionParser = llvm::Error (PolicyParser::*)(const Entry &);
  const std::pair<llvm::StringRef, SectionParser> Sections[] = {
      {"not_collected", &PolicyParser::parseNotCollected},
      {"first_party", &PolicyParser::parseFirstParty},
      {"vendors", &PolicyParser::parseVendors},
      {"cookies", &PolicyParser::parseCookies},
      {"consent", &PolicyParser::parseConsent},
      {"code", &PolicyParser::parseCode},
  };
  for (const auto &[Name, Parse] : Sections)
    if (const Entry *E = findEntry(*Top, Name))
      if (llvm::Error Err = (this->*Parse)(*E))
        return Err;
  if (llvm::Error Err = checkHostOwnership())
    return Err;
  return std::make_shared<const Policy>(std::move(P));
}

llvm::Error PolicyParser::parseHeader(const std::vector<Entry> &Top,
                                      const YAML::Node &Root) {
  for (llvm::StringRef Required : {"version", "service", "categories"})
    if (!findEntry(Top, Required))
      return errorAt(Root, "missing required key " + quoted(Required) +
                               " at the top level");

  const Entry &Version = *findEntry(Top, "version");
  std::optional<int64_t> Number = asInteger(Version.Value);
  if (!Number)
    return typeError(Version, "the integer 1");
  if (*Number != 1)
    return errorAtValue(Version, "unsupported policy version " +
                                     std::to_string(*Number) +
                                     "; this policycheck reads version 1");

  auto Service = stringValue(*findEntry(Top, "service"));
  if (!Service)
    return Service.takeError();
  if (llvm::StringRef(*Service).trim().empty())
    return errorAtValue(*findEntry(Top, "service"),
                        "'service' must name the service, not be empty");
  P.Service = *Service;

  if (const Entry *E = findEntry(Top, "document")) {
    auto Document = urlValue(*E);
    if (!Document)
      return Document.takeError();
    P.Document = *Document;
  }
  if (const Entry *E = findEntry(Top, "updated")) {
    if (!E->Value.IsScalar() || !isDate(E->Value.Scalar()))
      return errorAtValue(*E, "'updated' must be a date written YYYY-MM-DD, not " +
                                  (E->Value.IsScalar() ? quoted(E->Value.Scalar())
                                                       : describeNode(E->Value)));
    P.Updated = E->Value.Scalar();
  }
  return llvm::Error::success();
}

llvm::Error PolicyParser::parseTaxonomy(const Entry &Section) {
  auto Entries = mapEntries(Section, "a mapping of custom category keys", {});
  if (!Entries)
    return Entries.takeError();
  for (const Entry &E : *Entries) {
    if (llvm::Error Err = checkCategoryKey(E.Key, E.Name, "taxonomy"))
      return Err;
    if (Taxonomy::builtin().contains(E.Name))
      return errorAt(E.Key, quoted(E.Name) +
                                " is already in the built-in taxonomy; "
                                "'taxonomy' defines only new keys");
    auto Fields = mapEntries(E, "a mapping with 'description' and 'identifiers'",
                             {"description", "identifiers"});
    if (!Fields)
      return Fields.takeError();
    TaxonomyEntry Custom;
    Custom.Key = E.Name;
    Custom.Location = loc(E.Key);
    if (const Entry *D = findEntry(*Fields, "description")) {
      auto Text = textValue(*D);
      if (!Text)
        return Text.takeError();
      Custom.Description = *Text;
    }
    const Entry *Ids = findEntry(*Fields, "identifiers");
    if (!Ids)
      return errorAt(E.Key, "custom category " + quoted(E.Name) +
                                " in 'taxonomy' needs 'identifiers', the names "
                                "that mark it in code");
    auto Names = identifierList(*Ids);
    if (!Names)
      return Names.takeError();
    Custom.Identifiers = std::move(*Names);
    P.Categories.addCustom(std::move(Custom));
  }
  return llvm::Error::success();
}

static const llvm::StringRef CategoryFields[] = {"description", "storage", "hash",
                                                 "retention", "identifiers"};

llvm::Error PolicyParser::parseCategories(const Entry &Section) {
  auto Entries = mapEntries(Section, "a mapping of category keys", {});
  if (!Entries)
    return Entries.takeError();
  if (Entries->empty())
    return errorAtValue(Section, "'categories' is empty; declare every category "
                                 "of personal data the service collects");
  for (const Entry &E : *Entries) {
    if (llvm::Error Err = checkCategoryKey(E.Key, E.Name, "categories"))
      return Err;
    CategoryDecl Decl;
    Decl.Key = E.Name;
    Decl.Location = loc(E.Key);
    std::vector<Entry> Fields;
    if (!isNullNode(E.Value)) {
      auto Parsed = mapEntries(E, "a mapping of category settings (or empty)",
                               CategoryFields);
      if (!Parsed)
        return Parsed.takeError();
      Fields = std::move(*Parsed);
    }
    if (const Entry *F = findEntry(Fields, "description")) {
      auto Text = textValue(*F);
      if (!Text)
        return Text.takeError();
      Decl.Description = *Text;
    }
    if (const Entry *F = findEntry(Fields, "storage")) {
      auto Storage = enumValue<StorageRule>(
          *F, {{"plain", StorageRule::Plain},
               {"hashed", StorageRule::Hashed},
               {"encrypted", StorageRule::Encrypted},
               {"none", StorageRule::None}});
      if (!Storage)
        return Storage.takeError();
      Decl.Storage = *Storage;
      Decl.StorageLocation = loc(F->Value);
    }
    if (const Entry *F = findEntry(Fields, "hash")) {
      if (Decl.Storage != StorageRule::Hashed)
        return errorAt(F->Key, quoted(F->Path) +
                                   " applies only with 'storage: hashed'");
      auto Hash = enumValue<HashStrength>(
          *F, {{"password", HashStrength::Password},
               {"digest", HashStrength::Digest},
               {"any", HashStrength::Any}});
      if (!Hash)
        return Hash.takeError();
      Decl.Hash = *Hash;
      Decl.HashLocation = loc(F->Value);
    }
    if (const Entry *F = findEntry(Fields, "retention")) {
      std::optional<Duration> Retention;
      if (F->Value.IsScalar() && !isNullNode(F->Value))
        Retention = Duration::parse(F->Value.Scalar());
      if (!Retention)
        return errorAtValue(
            *F, "invalid duration " +
                    (F->Value.IsScalar() ? quoted(F->Value.Scalar())
                                         : describeNode(F->Value)) +
                    " for " + quoted(F->Path) +
                    "; expected a positive number and a unit (60min, 24h, 30d, 2w, "
                    "18mo, 5y), 'account' or 'indefinite'");
      Decl.Retention = std::move(Retention);
      Decl.RetentionLocation = loc(F->Value);
    }
    if (const Entry *F = findEntry(Fields, "identifiers")) {
      auto Names = identifierList(*F);
      if (!Names)
        return Names.takeError();
      Decl.Identifiers = std::move(*Names);
    }

    if (const TaxonomyEntry *Known = P.Categories.find(E.Name)) {
      if (!Known->BuiltIn)
        return errorAt(E.Key, quoted(E.Name) + " is defined in 'taxonomy' at line " +
                                  std::to_string(Known->Location.Line) +
                                  "; declare it once, in 'categories' with "
                                  "'identifiers'");
    } else {
      // A custom key. Without identifiers it is found only through `code:`
      // models and annotations, which is legitimate, but a near miss of a
      // built-in key is far more likely a typo that would silently declare
      // nothing.
      std::string Near = siblingTypo(E.Name, Taxonomy::builtin().keys());
      if (Decl.Identifiers.empty() && !Near.empty())
        return errorAt(E.Key,
                       quoted(E.Name) + " is not in the taxonomy; did you mean " +
                           quoted(Near) +
                           "? (a custom category needs 'identifiers' or code "
                           "models to be found)");
      TaxonomyEntry Custom;
      Custom.Key = E.Name;
      Custom.Description = Decl.Description;
      Custom.Identifiers = Decl.Identifiers;
      Custom.Location = Decl.Location;
      P.Categories.addCustom(std::move(Custom));
    }
    P.Declared.push_back(std::move(Decl));
  }
  // Custom keys may nest under one another; add any missing parents so the
  // hierarchy stays whole for `covers` questions and for the data map.
  return llvm::Error::success();
}

llvm::Error PolicyParser::parseNotCollected(const Entry &Section) {
  auto Refs = knownCategoryList(Section);
  if (!Refs)
    return Refs.takeError();
  for (const CategoryRef &Ref : *Refs) {
    for (const CategoryDecl &Decl : P.Declared) {
      if (!categoryCovers(Ref.Key, Decl.Key))
        continue;
      std::string What = Ref.Key == Decl.Key
                             ? quoted(Ref.Key) + " is listed in 'not_collected'"
                             : "'not_collected' lists " + quoted(Ref.Key) +
                                   ", which covers " + quoted(Decl.Key) + ",";
      return llvm::make_error<PolicyError>(
          Ref.Location, What + " but 'categories' declares " +
                            quoted(Decl.Key) + " at line " +
                            std::to_string(Decl.Location.Line) +
                            "; a category cannot be both collected and never "
                            "collected");
    }
    P.NotCollected.push_back(Ref);
  }
  return llvm::Error::success();
}

llvm::Error PolicyParser::parseHosts(const Entry &E,
                                     std::vector<HostPattern> &Hosts) {
  auto Items = stringList(E, "host patterns");
  if (!Items)
    return Items.takeError();
  for (const auto &[Text, Node] : *Items) {
    std::optional<HostPattern> Pattern = HostPattern::parse(Text);
    if (!Pattern) {
      std::string Hint;
      llvm::StringRef T = Text;
      if (T.contains("://"))
        Hint = " (drop the scheme)";
      else if (T.contains('/'))
        Hint = " (drop the path)";
      else if (T.contains(':'))
        Hint = " (drop the port)";
      else if (T.contains('*'))
        Hint = " ('*' is allowed only as a leading '*.')";
      return errorAt(Node, "invalid host pattern " + quoted(Text) + " in " +
                               quoted(E.Path) +
                               "; expected a host name such as "
                               "'api.example.com' or '*.example.com'" +
                               Hint);
    }
    Pattern->setLocation(loc(Node));
    Hosts.push_back(std::move(*Pattern));
  }
  return llvm::Error::success();
}

llvm::Error PolicyParser::parseFirstParty(const Entry &Section) {
  auto Fields = mapEntries(Section, "a mapping with 'hosts' and 'logs'",
                           {"hosts", "logs"});
  if (!Fields)
    return Fields.takeError();
  if (const Entry *Hosts = findEntry(*Fields, "hosts"))
    if (llvm::Error Err = parseHosts(*Hosts, P.FirstPartyHosts))
      return Err;
  if (const Entry *Logs = findEntry(*Fields, "logs")) {
    auto LogFields = mapEntries(*Logs, "a mapping with 'allowed'", {"allowed"});
    if (!LogFields)
      return LogFields.takeError();
    if (const Entry *Allowed = findEntry(*LogFields, "allowed")) {
      auto Refs = knownCategoryList(*Allowed);
      if (!Refs)
        return Refs.takeError();
      P.LogsAllowed = std::move(*Refs);
      P.LogsLocation = loc(Allowed->Key);
    }
  }
  return llvm::Error::success();
}

static const llvm::StringRef VendorFields[] = {"name", "purpose", "document",
                                               "hosts", "sdk", "receives"};

llvm::Error PolicyParser::parseVendors(const Entry &Section) {
  P.VendorsLocation = loc(Section.Key);
  auto Entries = mapEntries(Section, "a mapping of vendor ids", {});
  if (!Entries)
    return Entries.takeError();
  for (const Entry &E : *Entries) {
    if (!isVendorId(E.Name))
      return errorAt(E.Key, "invalid vendor id " + quoted(E.Name) +
                                "; expected lower-case letters, digits, '_' and "
                                "'-', such as " +
                                quoted(llvm::StringRef(E.Name).lower()));
    auto Fields = mapEntries(E, "a mapping of vendor settings", VendorFields);
    if (!Fields)
      return Fields.takeError();
    Vendor V;
    V.Id = E.Name;
    V.Location = loc(E.Key);
    if (const Entry *F = findEntry(*Fields, "document")) {
      auto Document = urlValue(*F);
      if (!Document)
        return Document.takeError();
      V.Document = *Document;
    }
    for (auto [Name, Field] : {std::pair{"name", &V.Name},
                               std::pair{"purpose", &V.Purpose}})
      if (const Entry *F = findEntry(*Fields, Name)) {
        auto Text = textValue(*F);
        if (!Text)
          return Text.takeError();
        *Field = *Text;
      }
    if (const Entry *F = findEntry(*Fields, "hosts"))
      if (llvm::Error Err = parseHosts(*F, V.Hosts))
        return Err;
    if (const Entry *F = findEntry(*Fields, "sdk")) {
      auto Items = stringList(*F, "function patterns");
      if (!Items)
        return Items.takeError();
      for (const auto &[Pattern, Node] : *Items) {
        if (!isFunctionPattern(Pattern))
          return errorAt(Node, "invalid function pattern " + quoted(Pattern) +
                                   " in " + quoted(F->Path) +
                                   "; expected a qualified name with optional "
                                   "'*', such as 'sentry_*' or 'Aws::S3::*'");
        V.Sdk.push_back(Pattern);
      }
    }
    if (const Entry *F = findEntry(*Fields, "receives")) {
      auto Refs = knownCategoryList(*F);
      if (!Refs)
        return Refs.takeError();
      for (const CategoryRef &Ref : *Refs)
        if (const CategoryRef *Never = P.notCollectedEntry(Ref.Key))
          return llvm::make_error<PolicyError>(
              Ref.Location, quoted(F->Path) + " lists " + quoted(Ref.Key) +
                                ", which 'not_collected' at line " +
                                std::to_string(Never->Location.Line) +
                                " says is never collected");
      V.Receives = std::move(*Refs);
      V.ReceivesLocation = loc(F->Key);
    }
    if (V.isUserEndpoints()) {
      for (llvm::StringRef Forbidden : {"hosts", "sdk"})
        if (const Entry *F = findEntry(*Fields, Forbidden))
          return errorAt(F->Key, "'user_endpoints' is the reserved vendor for "
                                 "destinations the user configures; it takes "
                                 "no " + quoted(Forbidden));
    } else if (V.Hosts.empty() && V.Sdk.empty()) {
      return errorAt(E.Key, "vendor " + quoted(V.Id) +
                                " has neither 'hosts' nor 'sdk'; expected at "
                                "least one, so that calls to it can be "
                                "recognised");
    }
    P.Vendors.push_back(std::move(V));
  }
  return llvm::Error::success();
}

llvm::Error PolicyParser::checkHostOwnership() {
  // The same pattern claimed twice would make ownership depend on the order of
  // the file; say so instead of guessing.
  std::map<std::string, std::pair<std::string, unsigned>> Owner;
  auto Claim = [&](const HostPattern &Pattern,
                   const std::string &Who) -> llvm::Error {
    auto [It, Inserted] =
        Owner.emplace(Pattern.text(), std::pair{Who, Pattern.location().Line});
    if (Inserted || It->second.first == Who)
      return llvm::Error::success();
    return llvm::make_error<PolicyError>(
        Pattern.location(), "host pattern " + quoted(Pattern.text()) +
                                " is claimed by both " + It->second.first +
                                " (line " + std::to_string(It->second.second) +
                                ") and " + Who);
  };
  for (const HostPattern &H : P.FirstPartyHosts)
    if (llvm::Error Err = Claim(H, "'first_party'"))
      return Err;
  for (const Vendor &V : P.Vendors)
    for (const HostPattern &H : V.Hosts)
      if (llvm::Error Err = Claim(H, "vendor " + quoted(V.Id)))
        return Err;
  return llvm::Error::success();
}

static const llvm::StringRef CookieFields[] = {"description", "purpose", "secure",
                                               "http_only", "same_site"};

llvm::Error PolicyParser::parseCookies(const Entry &Section) {
  P.CookiesLocation = loc(Section.Key);
  auto Entries = mapEntries(Section, "a mapping of cookie names", {});
  if (!Entries)
    return Entries.takeError();
  for (const Entry &E : *Entries) {
    if (!isCookieName(E.Name))
      return errorAt(E.Key, "invalid cookie name " + quoted(E.Name) +
                                "; expected a name or a glob such as 'ph_*'");
    auto Fields = mapEntries(E, "a mapping of cookie settings", CookieFields);
    if (!Fields)
      return Fields.takeError();
    Cookie C;
    C.Name = E.Name;
    C.Location = loc(E.Key);
    if (const Entry *F = findEntry(*Fields, "description")) {
      auto Text = textValue(*F);
      if (!Text)
        return Text.takeError();
      C.Description = *Text;
    }
    if (const Entry *F = findEntry(*Fields, "purpose")) {
      auto Purpose = enumValue<CookiePurpose>(
          *F, {{"essential", CookiePurpose::Essential},
               {"preferences", CookiePurpose::Preferences},
               {"analytics", CookiePurpose::Analytics},
               {"advertising", CookiePurpose::Advertising}});
      if (!Purpose)
        return Purpose.takeError();
      C.Purpose = *Purpose;
    }
    for (auto [Name, Flag] : {std::pair{"secure", &C.Secure},
                              std::pair{"http_only", &C.HttpOnly}})
      if (const Entry *F = findEntry(*Fields, Name)) {
        std::optional<bool> Value = asBool(F->Value);
        if (!Value)
          return typeError(*F, "true or false");
        *Flag = *Value;
      }
    if (const Entry *F = findEntry(*Fields, "same_site")) {
      auto Value = enumValue<SameSite>(*F, {{"strict", SameSite::Strict},
                                            {"lax", SameSite::Lax},
                                            {"none", SameSite::None}});
      if (!Value)
        return Value.takeError();
      C.SameSitePolicy = *Value;
    }
    P.Cookies.push_back(std::move(C));
  }
  return llvm::Error::success();
}

static const llvm::StringRef ConsentFields[] = {"description", "default",
                                                "vendors", "cookies", "check"};

llvm::Error PolicyParser::parseConsent(const Entry &Section) {
  auto Entries = mapEntries(Section, "a mapping of consent ids", {});
  if (!Entries)
    return Entries.takeError();
  std::vector<llvm::StringRef> VendorIds;
  for (const Vendor &V : P.Vendors)
    VendorIds.push_back(V.Id);
  for (const Entry &E : *Entries) {
    if (!isVendorId(E.Name))
      return errorAt(E.Key, "invalid consent id " + quoted(E.Name) +
                                "; expected lower-case letters, digits, '_' and "
                                "'-', such as 'analytics'");
    auto Fields = mapEntries(E, "a mapping of consent settings", ConsentFields);
    if (!Fields)
      return Fields.takeError();
    ConsentRule Rule;
    Rule.Id = E.Name;
    Rule.Location = loc(E.Key);
    if (const Entry *F = findEntry(*Fields, "description")) {
      auto Text = textValue(*F);
      if (!Text)
        return Text.takeError();
      Rule.Description = *Text;
    }
    if (const Entry *F = findEntry(*Fields, "default")) {
      auto Default = enumValue<bool>(*F, {{"off", false}, {"on", true}});
      if (!Default)
        return Default.takeError();
      Rule.DefaultOn = *Default;
    }
    if (const Entry *F = findEntry(*Fields, "vendors")) {
      auto Items = stringList(*F, "vendor ids");
      if (!Items)
        return Items.takeError();
      for (const auto &[Id, Node] : *Items) {
        if (!P.vendor(Id))
          return errorAt(Node, "unknown vendor " + quoted(Id) + " in " +
                                   quoted(F->Path) +
                                   "; expected a vendor declared in 'vendors'" +
                                   didYouMeanSuffix(Id, VendorIds));
        Rule.Vendors.push_back(Id);
      }
    }
    if (const Entry *F = findEntry(*Fields, "cookies")) {
      auto Items = stringList(*F, "cookie names");
      if (!Items)
        return Items.takeError();
      for (const auto &[Name, Node] : *Items) {
        if (!isCookieName(Name))
          return errorAt(Node, "invalid cookie name " + quoted(Name) + " in " +
                                   quoted(F->Path) +
                                   "; expected a name or a glob such as 'ph_*'");
        Rule.Cookies.push_back(Name);
      }
    }
    if (const Entry *F = findEntry(*Fields, "check")) {
      auto Check = stringValue(*F);
      if (!Check)
        return Check.takeError();
      if (!isFunctionPattern(*Check))
        return errorAtValue(*F, "invalid function name " + quoted(*Check) +
                                    " for " + quoted(F->Path) +
                                    "; expected a qualified name such as "
                                    "'app::Consent::analytics_allowed'");
      Rule.Check = *Check;
    }
    P.Consent.push_back(std::move(Rule));
  }
  return llvm::Error::success();
}

llvm::Error PolicyParser::parseCode(const Entry &Section) {
  auto Groups = mapEntries(Section, "a mapping with 'sources', 'sinks', "
                                    "'transforms' and 'retention'",
                           {"sources", "sinks", "transforms", "retention"});
  if (!Groups)
    return Groups.takeError();

  // Each group is a list of mappings; this walks one and hands each item's
  // fields to \p ParseItem.
  auto ForEachItem =
      [&](const Entry &Group, llvm::ArrayRef<llvm::StringRef> Allowed,
          llvm::function_ref<llvm::Error(const std::vector<Entry> &,
                                         const YAML::Node &,
                                         const std::string &)>
              ParseItem) -> llvm::Error {
    if (llvm::Error Err = expectList(Group, "mappings"))
      return Err;
    unsigned Index = 0;
    for (const YAML::Node &Item : Group.Value) {
      std::string Path = Group.Path + "[" + std::to_string(Index++) + "]";
      if (!Item.IsMap())
        return errorAt(Item, quoted(Path) + " must be a mapping, not " +
                                 describeNode(Item));
      auto Fields = entriesOf(Item, Path, Allowed);
      if (!Fields)
        return Fields.takeError();
      if (llvm::Error Err = ParseItem(*Fields, Item, Path))
        return Err;
    }
    return llvm::Error::success();
  };
  auto Required = [&](const std::vector<Entry> &Fields, const YAML::Node &Item,
                      llvm::StringRef Name) -> llvm::Expected<const Entry *> {
    if (const Entry *F = findEntry(Fields, Name))
      return F;
    std::string Path = Fields.empty() ? std::string("this code model")
                                      : quoted(llvm::StringRef(Fields.front().Path)
                                                   .rsplit('.')
                                                   .first);
    return errorAt(Item, "missing required key " + quoted(Name) + " in " + Path);
  };
  auto FunctionField = [&](const std::vector<Entry> &Fields,
                           const YAML::Node &Item,
                           llvm::StringRef Name) -> llvm::Expected<std::string> {
    auto F = Required(Fields, Item, Name);
    if (!F)
      return F.takeError();
    auto Text = stringValue(**F);
    if (!Text)
      return Text.takeError();
    if (!isFunctionPattern(*Text))
      return errorAtValue(**F, "invalid qualified name " + quoted(*Text) +
                                   " for " + quoted((*F)->Path) +
                                   "; expected a name such as "
                                   "'app::analytics::track', '*' allowed");
    return *Text;
  };
  auto CategoryField = [&](const std::vector<Entry> &Fields,
                           const YAML::Node &Item,
                           llvm::StringRef Name) -> llvm::Expected<std::string> {
    auto F = Required(Fields, Item, Name);
    if (!F)
      return F.takeError();
    auto Key = stringValue(**F);
    if (!Key)
      return Key.takeError();
    if (llvm::Error Err = checkKnownCategory((*F)->Value, *Key, (*F)->Path))
      return Err;
    return *Key;
  };

  if (const Entry *G = findEntry(*Groups, "sources"))
    if (llvm::Error Err = ForEachItem(
            *G, {"function", "returns"},
            [&](const std::vector<Entry> &Fields, const YAML::Node &Item,
                const std::string &Path) -> llvm::Error {
              SourceModel M;
              M.Location = loc(Item);
              auto Function = FunctionField(Fields, Item, "function");
              if (!Function)
                return Function.takeError();
              auto Category = CategoryField(Fields, Item, "returns");
              if (!Category)
                return Category.takeError();
              M.Function = *Function;
              M.Category = *Category;
              P.Sources.push_back(std::move(M));
              return llvm::Error::success();
            }))
      return Err;

  if (const Entry *G = findEntry(*Groups, "sinks")) {
    std::vector<llvm::StringRef> VendorIds;
    for (const Vendor &V : P.Vendors)
      VendorIds.push_back(V.Id);
    if (llvm::Error Err = ForEachItem(
            *G, {"function", "vendor", "kind", "url_argument", "arguments"},
            [&](const std::vector<Entry> &Fields, const YAML::Node &Item,
                const std::string &Path) -> llvm::Error {
              SinkModel M;
              M.Location = loc(Item);
              auto Function = FunctionField(Fields, Item, "function");
              if (!Function)
                return Function.takeError();
              M.Function = *Function;
              const Entry *First = nullptr;
              for (const Entry &F : Fields) {
                if (F.Name != "vendor" && F.Name != "kind" &&
                    F.Name != "url_argument")
                  continue;
                if (First)
                  return errorAt(F.Key, quoted(Path) + " has both " +
                                            quoted(First->Name) + " and " +
                                            quoted(F.Name) +
                                            "; expected exactly one of "
                                            "'vendor', 'kind' or "
                                            "'url_argument'");
                First = &F;
              }
              if (!First)
                return errorAt(Item, quoted(Path) +
                                         " names no destination; expected one "
                                         "of 'vendor', 'kind' or "
                                         "'url_argument'");
              if (const Entry *F = findEntry(Fields, "vendor")) {
                auto Id = stringValue(*F);
                if (!Id)
                  return Id.takeError();
                if (!P.vendor(*Id))
                  return errorAtValue(*F, "unknown vendor " + quoted(*Id) +
                                              " in " + quoted(F->Path) +
                                              "; expected a vendor declared in "
                                              "'vendors'" +
                                              didYouMeanSuffix(*Id, VendorIds));
                M.SinkKind = SinkModel::Kind::Vendor;
                M.VendorId = *Id;
              }
              if (const Entry *F = findEntry(Fields, "kind")) {
                auto Kind = enumValue<SinkModel::Kind>(
                    *F, {{"storage", SinkModel::Kind::Storage},
                         {"log", SinkModel::Kind::Log}});
                if (!Kind)
                  return Kind.takeError();
                M.SinkKind = *Kind;
              }
              if (const Entry *F = findEntry(Fields, "url_argument")) {
                auto Index = indexValue(*F, F->Value);
                if (!Index)
                  return Index.takeError();
                M.SinkKind = SinkModel::Kind::Url;
                M.UrlArgument = *Index;
              }
              if (const Entry *F = findEntry(Fields, "arguments")) {
                if (llvm::Error Err = expectList(*F, "argument positions"))
                  return Err;
                for (const YAML::Node &Arg : F->Value) {
                  auto Index = indexValue(*F, Arg);
                  if (!Index)
                    return Index.takeError();
                  M.Arguments.push_back(*Index);
                }
              }
              P.Sinks.push_back(std::move(M));
              return llvm::Error::success();
            }))
      return Err;
  }

  if (const Entry *G = findEntry(*Groups, "transforms"))
    if (llvm::Error Err = ForEachItem(
            *G, {"function", "result", "strength"},
            [&](const std::vector<Entry> &Fields, const YAML::Node &Item,
                const std::string &Path) -> llvm::Error {
              TransformModel M;
              M.Location = loc(Item);
              auto Function = FunctionField(Fields, Item, "function");
              if (!Function)
                return Function.takeError();
              auto Result = Required(Fields, Item, "result");
              if (!Result)
                return Result.takeError();
              auto Kind = enumValue<TransformResult>(
                  **Result, {{"hashed", TransformResult::Hashed},
                             {"encrypted", TransformResult::Encrypted},
                             {"anonymized", TransformResult::Anonymized}});
              if (!Kind)
                return Kind.takeError();
              M.Function = *Function;
              M.Result = *Kind;
              if (const Entry *F = findEntry(Fields, "strength")) {
                if (M.Result != TransformResult::Hashed)
                  return errorAt(F->Key, quoted(F->Path) +
                                             " applies only with 'result: hashed'");
                auto Strength = enumValue<HashGrade>(
                    *F, {{"password", HashGrade::Password},
                         {"digest", HashGrade::Digest},
                         {"weak", HashGrade::Weak}});
                if (!Strength)
                  return Strength.takeError();
                M.Strength = *Strength;
              }
              P.Transforms.push_back(std::move(M));
              return llvm::Error::success();
            }))
      return Err;

  if (const Entry *G = findEntry(*Groups, "retention"))
    if (llvm::Error Err = ForEachItem(
            *G, {"constant", "category"},
            [&](const std::vector<Entry> &Fields, const YAML::Node &Item,
                const std::string &Path) -> llvm::Error {
              RetentionModel M;
              M.Location = loc(Item);
              auto Constant = FunctionField(Fields, Item, "constant");
              if (!Constant)
                return Constant.takeError();
              auto Category = CategoryField(Fields, Item, "category");
              if (!Category)
                return Category.takeError();
              M.Constant = *Constant;
              M.Category = *Category;
              P.Retention.push_back(std::move(M));
              return llvm::Error::success();
            }))
      return Err;
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Entry points
//===----------------------------------------------------------------------===//

llvm::Expected<std::shared_ptr<const Policy>>
parsePolicy(llvm::StringRef Text, llvm::StringRef FileName) {
  return PolicyParser(FileName).parse(Text);
}

llvm::Expected<std::shared_ptr<const Policy>>
loadPolicyFile(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::make_error<PolicyError>(
        PolicyLocation{Path.str(), 0, 0}, // no position: the file itself
        "cannot read the policy: " + Buffer.getError().message());
  return parsePolicy((*Buffer)->getBuffer(), Path);
}

std::string findPolicyFile(llvm::StringRef Directory) {
  llvm::SmallString<256> Dir(Directory);
  llvm::sys::fs::make_absolute(Dir);
  for (llvm::StringRef Current = Dir; !Current.empty();
       Current = llvm::sys::path::parent_path(Current)) {
    llvm::SmallString<256> Candidate(Current);
    llvm::sys::path::append(Candidate, DefaultPolicyFileName);
    if (llvm::sys::fs::is_regular_file(Candidate))
      return std::string(Candidate);
  }
  return std::string();
}

} // namespace policycheck
