//===--- Classifier.cpp - Which names hold which personal data ------------===//
#include "policycheck/Classifier.h"

#include "policycheck/BuiltinData.h"
#include "policycheck/Category.h"
#include "policycheck/IdentifierWords.h"
#include "policycheck/Policy.h"
#include "policycheck/YamlSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policycheck {

namespace {

const std::pair<llvm::StringRef, TypeClass> TypeClassNames[] = {
    {"string", TypeClass::String}, {"bytes", TypeClass::Bytes},
    {"integer", TypeClass::Integer}, {"float", TypeClass::Float},
    {"bool", TypeClass::Bool},     {"record", TypeClass::Record},
    {"time", TypeClass::Time},     {"json", TypeClass::Json},
    {"container", TypeClass::Container}, {"unknown", TypeClass::Unknown},
};

const std::pair<llvm::StringRef, NameKind> NameKindNames[] = {
    {"identifier", NameKind::Identifier},
    {"method", NameKind::Method},
    {"json_key", NameKind::JsonKey},
    {"sql_column", NameKind::SqlColumn},
};

/// Every type class but bool: what a policy's own identifiers may hold. A
/// flag never holds the data it is named after.
std::set<TypeClass> allButBool() {
  std::set<TypeClass> Types;
  for (const auto &[Name, Type] : TypeClassNames)
    if (Type != TypeClass::Bool)
      Types.insert(Type);
  return Types;
}

bool wordMatches(const std::string &Word, const std::string &RuleWord) {
  if (Word == RuleWord)
    return true;
  // Plurals: `emails`, `known_ips`, `cc_addresses`.
  llvm::StringRef W = Word;
  return (W.size() == RuleWord.size() + 1 && W.startswith(RuleWord) &&
          W.back() == 's') ||
         (W.size() == RuleWord.size() + 2 && W.startswith(RuleWord) &&
          W.endswith("es"));
}

bool isNumber(llvm::StringRef Word) {
  return !Word.empty() && llvm::all_of(Word, [](char C) { return llvm::isDigit(C); });
}

/// Parses the data file's word lists: a list of words, or a string naming a
/// word set, for `after`, `not_after` and `holds`.
class RuleFileParser {
public:
  RuleFileParser(llvm::StringRef FileName) : FileName(FileName) {}

  llvm::Expected<Classifier> parse(llvm::StringRef Text,
                                   std::vector<ClassifierRule> &Rules,
                                   std::map<std::string, std::set<std::string>> &Sets);

private:
  llvm::StringRef FileName;
  std::map<std::string, std::set<TypeClass>> TypeSets;

  llvm::Expected<std::set<std::string>>
  words(const YAML::Node &Node,
        const std::map<std::string, std::set<std::string>> &Sets) {
    if (isStringNode(Node)) {
      auto It = Sets.find(Node.Scalar());
      if (It == Sets.end())
        return makePolicyError(FileName, Node,
                               "unknown word set '" + Node.Scalar() + "'");
      return It->second;
    }
    if (!Node.IsSequence())
      return makePolicyError(FileName, Node,
                             "expected a list of words or a word set name");
    std::set<std::string> Result;
    for (const YAML::Node &Word : Node)
      Result.insert(Word.Scalar());
    return Result;
  }

  llvm::Expected<std::set<TypeClass>> types(const YAML::Node &Node) {
    if (isStringNode(Node)) {
      auto It = TypeSets.find(Node.Scalar());
      if (It == TypeSets.end())
        return makePolicyError(FileName, Node,
                               "unknown type set '" + Node.Scalar() + "'");
      return It->second;
    }
    if (!Node.IsSequence())
      return makePolicyError(FileName, Node,
                             "expected a list of type classes or a type set");
    std::set<TypeClass> Result;
    for (const YAML::Node &Item : Node) {
      std::optional<TypeClass> Type = parseTypeClass(Item.Scalar());
      if (!Type)
        return makePolicyError(FileName, Item,
                               "unknown type class '" + Item.Scalar() + "'");
      Result.insert(*Type);
    }
    return Result;
  }
};

llvm::Expected<Classifier>
RuleFileParser::parse(llvm::StringRef Text, std::vector<ClassifierRule> &Rules,
                      std::map<std::string, std::set<std::string>> &Sets) {
  llvm::Expected<YAML::Node> Root = parseYamlDocument(Text, FileName);
  if (!Root)
    return Root.takeError();
  for (const char *Required : {"type_sets", "word_sets", "rules"})
    if (!(*Root)[Required].IsDefined())
      return makePolicyError(FileName, *Root,
                             std::string("missing '") + Required + "'");
  for (const auto &Pair : child((*Root), "type_sets")) {
    auto Types = types(Pair.second);
    if (!Types)
      return Types.takeError();
    TypeSets[Pair.first.Scalar()] = std::move(*Types);
  }
  for (const auto &Pair : child((*Root), "word_sets")) {
    auto Words = words(Pair.second, Sets);
    if (!Words)
      return Words.takeError();
    Sets[Pair.first.Scalar()] = std::move(*Words);
  }
  for (llvm::StringRef Needed :
       {"keep", "negate", "method_prefixes", "method_negate"})
    if (!Sets.count(Needed.str()))
      return makePolicyError(FileName, child((*Root), "word_sets"),
                             "missing word set '" + Needed.str() + "'");

  for (const YAML::Node &Item : child((*Root), "rules")) {
    ClassifierRule Rule;
    Rule.Location = locationOf(FileName, Item);
    for (const auto &Field : Item) {
      const std::string &Key = Field.first.Scalar();
      const YAML::Node &Value = Field.second;
      if (Key == "category") {
        Rule.Category = Value.Scalar();
        if (!isValidCategoryKey(Rule.Category))
          return makePolicyError(FileName, Value,
                                 "invalid category '" + Rule.Category + "'");
      } else if (Key == "names") {
        for (const YAML::Node &Name : Value) {
          std::vector<std::string> Words;
          llvm::SmallVector<llvm::StringRef, 4> Parts;
          llvm::StringRef(Name.Scalar()).split(Parts, ' ', -1, false);
          for (llvm::StringRef Part : Parts)
            Words.push_back(Part.lower());
          if (Words.empty())
            return makePolicyError(FileName, Name, "empty name");
          Rule.Names.push_back(std::move(Words));
        }
      } else if (Key == "holds") {
        auto Types = types(Value);
        if (!Types)
          return Types.takeError();
        Rule.Holds = std::move(*Types);
      } else if (Key == "after" || Key == "not_after" || Key == "owner") {
        auto Words = words(Value, Sets);
        if (!Words)
          return Words.takeError();
        (Key == "after"       ? Rule.After
         : Key == "not_after" ? Rule.NotAfter
                              : Rule.OwnerWords) = std::move(*Words);
      } else if (Key == "or_declared") {
        if (!Value.IsSequence())
          return makePolicyError(FileName, Value, "expected a list of categories");
        for (const YAML::Node &Alt : Value) {
          if (!isValidCategoryKey(Alt.Scalar()))
            return makePolicyError(FileName, Alt,
                                   "invalid category '" + Alt.Scalar() + "'");
          Rule.OrDeclared.push_back(Alt.Scalar());
        }
      } else if (Key == "exact") {
        std::optional<bool> Exact = asBool(Value);
        if (!Exact)
          return makePolicyError(FileName, Value, "expected true or false");
        Rule.Exact = *Exact;
      } else {
        return makePolicyError(FileName, Field.first,
                               "unknown rule key '" + Key + "'");
      }
    }
    if (Rule.Category.empty() || Rule.Names.empty())
      return makePolicyError(FileName, Item, "a rule needs 'category' and 'names'");
    if (Rule.Holds.empty())
      Rule.Holds = TypeSets.count("text") ? TypeSets["text"] : allButBool();
    Rules.push_back(std::move(Rule));
  }
  return Classifier();
}

} // namespace

std::optional<NameKind> parseNameKind(llvm::StringRef Text) {
  for (const auto &[Name, Kind] : NameKindNames)
    if (Text == Name)
      return Kind;
  return std::nullopt;
}

std::optional<TypeClass> parseTypeClass(llvm::StringRef Text) {
  for (const auto &[Name, Type] : TypeClassNames)
    if (Text == Name)
      return Type;
  return std::nullopt;
}

llvm::StringRef spell(NameKind Kind) {
  for (const auto &[Name, K] : NameKindNames)
    if (K == Kind)
      return Name;
  return "";
}

llvm::StringRef spell(TypeClass Type) {
  for (const auto &[Name, T] : TypeClassNames)
    if (T == Type)
      return Name;
  return "";
}

const Classifier &Classifier::builtin() {
  static const Classifier Builtin = [] {
    builtin::DataFile File = builtin::classifierFile();
    llvm::Expected<Classifier> Parsed = parse(File.Text, File.Name);
    if (!Parsed) // The file is part of the build and tested; this is a bug.
      llvm::report_fatal_error(llvm::toString(Parsed.takeError()).c_str());
    return std::move(*Parsed);
  }();
  return Builtin;
}

llvm::Expected<Classifier> Classifier::parse(llvm::StringRef Text,
                                             llvm::StringRef FileName) {
  Classifier Result;
  RuleFileParser Parser(FileName);
  llvm::Expected<Classifier> Status = Classifier();
  try {
    Status = Parser.parse(Text, Result.Rules, Result.WordSets);
  } catch (const YAML::Exception &E) {
    return llvm::make_error<PolicyError>(
        PolicyLocation{FileName.str(), static_cast<unsigned>(E.mark.line + 1),
                       static_cast<unsigned>(E.mark.column + 1)},
        "unexpected shape: " + E.msg);
  }
  if (!Status)
    return Status.takeError();
  return Result;
}

Classifier Classifier::withPolicy(const Policy &P) const {
  Classifier Result;
  Result.WordSets = WordSets;
  // Policy rules go first so that, at equal length, they win ties; they also
  // get a bonus in classify().
  for (const auto &[Key, Entry] : P.taxonomy().entries()) {
    if (Entry.BuiltIn || Entry.Identifiers.empty())
      continue;
    ClassifierRule Rule;
    Rule.Category = Key;
    Rule.FromPolicy = true;
    Rule.Holds = allButBool();
    Rule.Location = Entry.Location;
    for (const std::string &Identifier : Entry.Identifiers)
      Rule.Names.push_back(splitIdentifierWords(Identifier));
    Result.Rules.push_back(std::move(Rule));
  }
  for (const CategoryDecl &Decl : P.categories()) {
    // Identifiers on a built-in key add names to it.
    if (Decl.Identifiers.empty() || !Taxonomy::builtin().contains(Decl.Key))
      continue;
    ClassifierRule Rule;
    Rule.Category = Decl.Key;
    Rule.FromPolicy = true;
    Rule.Holds = allButBool();
    Rule.Location = Decl.Location;
    for (const std::string &Identifier : Decl.Identifiers)
      Rule.Names.push_back(splitIdentifierWords(Identifier));
    Result.Rules.push_back(std::move(Rule));
  }
  for (ClassifierRule Rule : Rules) {
    // A name that fits several categories takes the one the policy declares.
    if (!P.declaration(Rule.Category) && !P.notCollectedEntry(Rule.Category))
      for (const std::string &Alt : Rule.OrDeclared)
        if (P.declaration(Alt)) {
          Rule.Category = Alt;
          break;
        }
    Result.Rules.push_back(std::move(Rule));
  }
  return Result;
}

/// The name without digits that end a word after a letter: `street1` ->
/// `street`, `userEmail2` -> `userEmail`, `v2_endpoint` stays.
static std::string withoutWordNumbers(llvm::StringRef Name) {
  std::string Out;
  for (size_t I = 0; I < Name.size();) {
    if (llvm::isDigit(Name[I]) && I > 1 && llvm::isAlpha(Name[I - 1]) &&
        llvm::isAlpha(Name[I - 2])) {
      size_t End = I;
      while (End < Name.size() && llvm::isDigit(Name[End]))
        ++End;
      bool WordEnds = End == Name.size() || !llvm::isAlnum(Name[End]) ||
                      (Name[End] >= 'A' && Name[End] <= 'Z');
      if (WordEnds) {
        I = End;
        continue;
      }
    }
    Out.push_back(Name[I++]);
  }
  return Out;
}

std::optional<Classification>
Classifier::classify(llvm::StringRef Name, NameKind Kind, TypeClass Type,
                     llvm::StringRef Owner) const {
  std::vector<std::string> Words = splitIdentifierWords(Name);
  const std::set<std::string> &Keep = WordSets.at("keep");
  const std::set<std::string> &Negate = WordSets.at("negate");
  if (Kind == NameKind::Method) {
    const std::set<std::string> &Prefixes = WordSets.at("method_prefixes");
    size_t Drop = 0;
    while (Drop + 1 < Words.size() && Prefixes.count(Words[Drop]))
      ++Drop;
    Words.erase(Words.begin(), Words.begin() + Drop);
    if (!Words.empty() && WordSets.at("method_negate").count(Words.front()) &&
        Words.size() > 1)
      return std::nullopt;
  }
  if (Words.empty())
    return std::nullopt;
  std::vector<std::string> OwnerWords = splitIdentifierWords(Owner);

  const ClassifierRule *BestRule = nullptr;
  unsigned BestScore = 0;
  std::string BestWords;
  for (const ClassifierRule &Rule : Rules) {
    if (!Rule.Holds.count(Type))
      continue;
    for (const std::vector<std::string> &Pattern : Rule.Names) {
      if (Pattern.size() > Words.size())
        continue;
      if (Rule.Exact && Pattern.size() != Words.size())
        continue;
      // Try every place the pattern could end, rightmost first: the head of
      // a name is its last words (`user_email`, not `email_template_id`).
      for (size_t End = Words.size(); End >= Pattern.size(); --End) {
        size_t Begin = End - Pattern.size();
        bool Same = true;
        for (size_t I = 0; I < Pattern.size() && Same; ++I)
          Same = I + 1 == Pattern.size() ? wordMatches(Words[Begin + I], Pattern[I])
                                         : Words[Begin + I] == Pattern[I];
        if (!Same)
          continue;
        bool Tail = true;
        for (size_t I = End; I < Words.size() && Tail; ++I)
          Tail = Keep.count(Words[I]) || isNumber(Words[I]);
        if (!Tail)
          continue;
        bool Negated = false;
        for (size_t I = 0; I < Begin && !Negated; ++I)
          Negated = Negate.count(Words[I]) != 0;
        if (Negated)
          break;
        if (Begin > 0 && Rule.NotAfter.count(Words[Begin - 1]))
          continue;
        if (!Rule.OwnerWords.empty() &&
            llvm::none_of(OwnerWords, [&](const std::string &W) {
              return Rule.OwnerWords.count(W) != 0;
            }))
          continue;
        bool Context = false;
        if (!Rule.After.empty()) {
          if (Begin > 0)
            Context = Rule.After.count(Words[Begin - 1]) != 0;
          else
            Context = llvm::any_of(OwnerWords, [&](const std::string &W) {
              return Rule.After.count(W) != 0;
            });
          if (!Context)
            continue;
        }
        bool OwnerContext = !Rule.OwnerWords.empty();
        unsigned Score = static_cast<unsigned>(Pattern.size()) * 10 +
                         (Context || OwnerContext ? 5 : 0) +
                         (Rule.FromPolicy ? 1000 : 0);
        if (Score > BestScore) {
          BestScore = Score;
          BestRule = &Rule;
          BestWords = llvm::join(Pattern, " ");
        }
        break;
      }
    }
  }
  if (!BestRule) {
    // A numbered name (`street1`, `email2`, `phoneNumber2`) is its word's,
    // when the name as written says nothing.
    std::string Unnumbered = withoutWordNumbers(Name);
    if (Unnumbered != Name)
      return classify(Unnumbered, Kind, Type, Owner);
    return std::nullopt;
  }
  return Classification{BestRule->Category, BestRule, BestWords};
}

} // namespace policycheck
