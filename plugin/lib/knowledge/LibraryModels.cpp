//===--- LibraryModels.cpp - What library functions do with data ----------===//
#include "policycheck/LibraryModels.h"

#include "knowledge/CookieModelParser.h"

#include "policycheck/Category.h"
#include "policycheck/YamlSupport.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/ErrorHandling.h"

namespace policycheck {

bool ArgumentSet::contains(unsigned Index) const {
  return (AllFrom && Index >= *AllFrom) || llvm::is_contained(Indices, Index);
}

namespace {

class ModelFileParser {
public:
  ModelFileParser(llvm::StringRef FileName) : FileName(FileName) {}

  llvm::Error parse(llvm::StringRef Text, std::vector<FunctionModel> &Functions,
                    std::vector<StreamModel> &Streams,
                    std::vector<std::string> &TextMacros,
                    std::vector<HashAlgorithm> &HashAlgorithms,
                    CookieModels &Cookies, NamingConventions &Conventions);

private:
  llvm::StringRef FileName;
  std::string Library;

  llvm::Error error(const YAML::Node &Node, const std::string &Message) {
    return makePolicyError(FileName, Node, Message);
  }
  llvm::Expected<unsigned> index(const YAML::Node &Node) {
    std::optional<int64_t> Value = asInteger(Node);
    if (!Value || *Value < 0)
      return error(Node, "expected an argument position counted from 0");
    return static_cast<unsigned>(*Value);
  }
  llvm::Expected<ArgumentSet> argumentSet(const YAML::Node &Node) {
    ArgumentSet Set;
    if (Node.IsScalar() && Node.Scalar() == "all") {
      Set.AllFrom = 0;
      return Set;
    }
    if (!Node.IsSequence())
      return error(Node, "expected a list of argument positions or 'all'");
    for (const YAML::Node &Item : Node) {
      auto I = index(Item);
      if (!I)
        return I.takeError();
      Set.Indices.push_back(*I);
    }
    return Set;
  }
  llvm::Error parseFunction(const YAML::Node &Item, FunctionModel &M);
};

template <typename T>
std::optional<T> lookup(llvm::ArrayRef<std::pair<llvm::StringRef, T>> Choices,
                        llvm::StringRef Name) {
  for (const auto &[Text, Value] : Choices)
    if (Text == Name)
      return Value;
  return std::nullopt;
}

/// The `strength:` of a model or a hash algorithm: weak, digest, password.
std::optional<HashGrade> strengthOf(const YAML::Node &Item) {
  return lookup<HashGrade>({{"weak", HashGrade::Weak},
                            {"digest", HashGrade::Digest},
                            {"password", HashGrade::Password}},
                           child(Item, "strength").IsScalar()
                               ? child(Item, "strength").Scalar()
                               : "");
}

llvm::Error ModelFileParser::parseFunction(const YAML::Node &Item,
                                           FunctionModel &M) {
  M.Library = Library;
  M.Location = locationOf(FileName, Item);
  static const llvm::StringRef Known[] = {
      "name", "role", "kind", "arguments", "all_from", "url_argument",
      "url_from", "vendor", "stream_argument", "category", "into", "result",
      "from", "from_receiver", "key_argument", "request", "option", "value",
      "options", "returns", "format_argument", "format_style", "column_argument",
      "statement_argument", "query_argument", "key_of_next", "strength",
      "algorithm_argument", "expiry_argument", "expiry_unit", "command_argument"};
  for (const auto &Field : Item)
    if (!llvm::is_contained(Known, Field.first.Scalar()))
      return error(Field.first, "unknown key '" + Field.first.Scalar() + "'");
  if (!isStringNode(child(Item, "name")))
    return error(Item, "a model needs 'name'");
  M.Pattern = child(Item, "name").Scalar();
  auto Role = lookup<ModelRole>(
      {{"sink", ModelRole::Sink}, {"source", ModelRole::Source},
       {"transform", ModelRole::Transform}, {"propagate", ModelRole::Propagate},
       {"request_option", ModelRole::RequestOption},
       {"url_binding", ModelRole::UrlBinding},
       {"query_binding", ModelRole::QueryBinding},
       {"handle", ModelRole::Handle}, {"attach", ModelRole::Attach}},
      child(Item, "role").IsScalar() ? child(Item, "role").Scalar() : "");
  if (!Role)
    return error(Item, "a model needs a 'role': sink, source, transform, "
                       "propagate, request_option, url_binding, query_binding, "
                       "handle or attach");
  M.Role = *Role;

  auto OptionalIndex = [&](const char *Key,
                           std::optional<unsigned> &Out) -> llvm::Error {
    if (!Item[Key].IsDefined())
      return llvm::Error::success();
    auto I = index(Item[Key]);
    if (!I)
      return I.takeError();
    Out = *I;
    return llvm::Error::success();
  };
  auto Arguments = [&](const char *ListKey, ArgumentSet &Out) -> llvm::Error {
    if (Item[ListKey].IsDefined()) {
      auto Set = argumentSet(Item[ListKey]);
      if (!Set)
        return Set.takeError();
      Out = std::move(*Set);
    }
    if (child(Item, "all_from").IsDefined()) {
      auto I = index(child(Item, "all_from"));
      if (!I)
        return I.takeError();
      Out.AllFrom = *I;
    }
    return llvm::Error::success();
  };
  if (isStringNode(child(Item, "into")) && child(Item, "into").Scalar() == "receiver")
    M.IntoReceiver = true;
  else if (llvm::Error Err = OptionalIndex("into", M.Into))
    return Err;
  if (child(Item, "from_receiver").IsDefined()) {
    std::optional<bool> FromReceiver = asBool(child(Item, "from_receiver"));
    if (!FromReceiver)
      return error(Item, "'from_receiver' must be true or false");
    M.FromReceiver = *FromReceiver;
  }

  if (M.Role != ModelRole::Sink &&
      (child(Item, "expiry_argument").IsDefined() ||
       child(Item, "command_argument").IsDefined()))
    return error(Item, "'expiry_argument' and 'command_argument' are for sinks");
  if (M.Role != ModelRole::Transform &&
      (child(Item, "strength").IsDefined() ||
       child(Item, "algorithm_argument").IsDefined()))
    return error(Item, "'strength' and 'algorithm_argument' are for transforms");
  switch (M.Role) {
  case ModelRole::Sink: {
    auto Kind = lookup<SinkKind>({{"log", SinkKind::Log},
                                  {"storage", SinkKind::Storage},
                                  {"http", SinkKind::Http},
                                  {"vendor", SinkKind::Vendor},
                                  {"stream", SinkKind::Stream}},
                                 child(Item, "kind").IsScalar() ? child(Item, "kind").Scalar() : "");
    if (!Kind)
      return error(Item, "a sink needs 'kind': log, storage, http, vendor or stream");
    M.Sink = *Kind;
    if (llvm::Error Err = Arguments("arguments", M.Arguments))
      return Err;
    if (M.Arguments.empty())
      return error(Item, "a sink needs 'arguments' or 'all_from'");
    if (llvm::Error Err = OptionalIndex("url_argument", M.UrlArgument))
      return Err;
    if (llvm::Error Err = OptionalIndex("stream_argument", M.StreamArgument))
      return Err;
    M.UrlFromReceiver =
        child(Item, "url_from").IsScalar() && child(Item, "url_from").Scalar() == "receiver";
    if (M.Sink == SinkKind::Http && !M.UrlArgument && !M.UrlFromReceiver)
      return error(Item, "an http sink needs 'url_argument' or 'url_from: receiver'");
    if (M.Sink == SinkKind::Vendor) {
      if (!isStringNode(child(Item, "vendor")))
        return error(Item, "a vendor sink needs 'vendor'");
      M.VendorId = child(Item, "vendor").Scalar();
    }
    if (M.Sink == SinkKind::Stream && !M.StreamArgument)
      return error(Item, "a stream sink needs 'stream_argument'");
    if (llvm::Error Err = OptionalIndex("expiry_argument", M.ExpiryArgument))
      return Err;
    if (llvm::Error Err = OptionalIndex("command_argument", M.CommandArgument))
      return Err;
    if (child(Item, "expiry_unit").IsDefined()) {
      auto Unit = lookup<uint64_t>({{"seconds", 1000}, {"milliseconds", 1}},
                                   child(Item, "expiry_unit").IsScalar()
                                       ? child(Item, "expiry_unit").Scalar()
                                       : "");
      if (!Unit || !M.ExpiryArgument)
        return error(Item, "'expiry_unit' is seconds or milliseconds, with "
                           "'expiry_argument'");
      M.ExpiryUnitMillis = *Unit;
    }
    if ((M.ExpiryArgument || M.CommandArgument) && M.Sink != SinkKind::Storage)
      return error(Item, "'expiry_argument' and 'command_argument' are for "
                         "storage sinks");
    if (child(Item, "returns").IsDefined()) {
      if (!isStringNode(child(Item, "returns")) ||
          child(Item, "returns").Scalar() != "body_stream" || M.Sink != SinkKind::Http)
        return error(Item, "'returns' is 'body_stream', on an http sink");
      M.ReturnsBodyStream = true;
    }
    break;
  }
  case ModelRole::Source:
    if (llvm::Error Err = OptionalIndex("column_argument", M.ColumnArgument))
      return Err;
    if (llvm::Error Err = OptionalIndex("statement_argument", M.StatementArgument))
      return Err;
    if (M.ColumnArgument.has_value() != M.StatementArgument.has_value())
      return error(Item, "a column read needs both 'column_argument' and "
                         "'statement_argument'");
    if (M.ColumnArgument && !child(Item, "category").IsDefined())
      break; // the column's name says what it holds
    if (!isStringNode(child(Item, "category")) ||
        !isValidCategoryKey(child(Item, "category").Scalar()))
      return error(Item, "a source needs a 'category' key");
    M.Category = child(Item, "category").Scalar();
    break;
  case ModelRole::Transform:
  case ModelRole::Propagate: {
    if (M.Role == ModelRole::Transform) {
      auto Result = lookup<TransformResult>(
          {{"hashed", TransformResult::Hashed},
           {"encrypted", TransformResult::Encrypted},
           {"anonymized", TransformResult::Anonymized}},
          child(Item, "result").IsScalar() ? child(Item, "result").Scalar() : "");
      if (!Result)
        return error(Item, "a transform needs 'result': hashed, encrypted or "
                           "anonymized");
      M.Result = *Result;
      if (child(Item, "strength").IsDefined()) {
        std::optional<HashGrade> Strength = strengthOf(Item);
        if (!Strength || M.Result != TransformResult::Hashed)
          return error(Item, "'strength' is weak, digest or password, on a "
                             "hashing transform");
        M.Strength = *Strength;
      }
      if (llvm::Error Err = OptionalIndex("algorithm_argument", M.AlgorithmArgument))
        return Err;
    }
    if (llvm::Error Err = Arguments("from", M.From))
      return Err;
    if (M.From.empty() && !M.FromReceiver)
      return error(Item, "a transform or propagate model needs 'from', "
                         "'all_from' or 'from_receiver'");
    if (llvm::Error Err = OptionalIndex("key_argument", M.KeyArgument))
      return Err;
    if (child(Item, "key_of_next").IsDefined()) {
      std::optional<bool> KeyOfNext = asBool(child(Item, "key_of_next"));
      if (!KeyOfNext || (*KeyOfNext && !M.IntoReceiver))
        return error(Item, "'key_of_next' is true or false, on a model with 'into: receiver'");
      M.KeyOfNext = *KeyOfNext;
    }
    if (llvm::Error Err = OptionalIndex("format_argument", M.FormatArgument))
      return Err;
    if (child(Item, "format_style").IsDefined()) {
      llvm::StringRef Style =
          isStringNode(child(Item, "format_style")) ? child(Item, "format_style").Scalar() : "";
      if ((Style != "braces" && Style != "printf") || !M.FormatArgument)
        return error(Item, "'format_style' is braces or printf, with 'format_argument'");
      M.PrintfFormat = Style == "printf";
    }
    break;
  }
  case ModelRole::Handle:
    if (!M.IntoReceiver && !M.Into)
      return error(Item, "a handle model needs 'into': receiver or an argument");
    break;
  case ModelRole::Attach:
    if (llvm::Error Err = Arguments("from", M.From))
      return Err;
    if (M.From.empty() || !M.IntoReceiver)
      return error(Item, "an attach model needs 'from' and 'into: receiver'");
    break;
  case ModelRole::RequestOption: {
    std::optional<unsigned> Request, Option, Value;
    if (llvm::Error Err = OptionalIndex("request", Request))
      return Err;
    if (llvm::Error Err = OptionalIndex("option", Option))
      return Err;
    if (llvm::Error Err = OptionalIndex("value", Value))
      return Err;
    if (!Request || !Option || !Value || !child(Item, "options").IsMap())
      return error(Item, "a request_option model needs 'request', 'option', "
                         "'value' and 'options'");
    M.RequestArgument = *Request;
    M.OptionArgument = *Option;
    M.ValueArgument = *Value;
    for (const auto &Pair : child(Item, "options")) {
      auto Part = lookup<RequestPart>({{"url", RequestPart::Url},
                                       {"body", RequestPart::Body},
                                       {"header", RequestPart::Header}},
                                      Pair.second.Scalar());
      if (!Part)
        return error(Pair.second, "expected url, body or header");
      M.Options[Pair.first.Scalar()] = *Part;
    }
    break;
  }
  case ModelRole::UrlBinding:
    if (llvm::Error Err = OptionalIndex("url_argument", M.UrlArgument))
      return Err;
    if (!M.UrlArgument)
      return error(Item, "a url_binding needs 'url_argument'");
    break;
  case ModelRole::QueryBinding:
    if (llvm::Error Err = OptionalIndex("query_argument", M.QueryArgument))
      return Err;
    if (!M.QueryArgument || !M.Into)
      return error(Item, "a query_binding needs 'query_argument' and 'into'");
    break;
  }
  return llvm::Error::success();
}

llvm::Error ModelFileParser::parse(llvm::StringRef Text,
                                   std::vector<FunctionModel> &Functions,
                                   std::vector<StreamModel> &Streams,
                                   std::vector<std::string> &TextMacros,
                                   std::vector<HashAlgorithm> &HashAlgorithms,
                                   CookieModels &Cookies,
                                   NamingConventions &Conventions) {
  llvm::Expected<YAML::Node> Root = parseYamlDocument(Text, FileName);
  if (!Root)
    return Root.takeError();
  if (!isStringNode(child((*Root), "library")))
    return error(*Root, "a model file needs 'library'");
  Library = child((*Root), "library").Scalar();
  for (const YAML::Node &Item : child((*Root), "functions")) {
    FunctionModel M;
    if (llvm::Error Err = parseFunction(Item, M))
      return Err;
    Functions.push_back(std::move(M));
  }
  for (const YAML::Node &Item : child((*Root), "streams")) {
    StreamModel S;
    S.Library = Library;
    if (child(Item, "object").IsDefined())
      S.Object = child(Item, "object").Scalar();
    if (child(Item, "type").IsDefined())
      S.Type = child(Item, "type").Scalar();
    auto Kind = lookup<StreamKind>({{"log", StreamKind::Log},
                                    {"storage", StreamKind::Storage},
                                    {"buffer", StreamKind::Buffer},
                                    {"device", StreamKind::Device}},
                                   child(Item, "kind").IsScalar() ? child(Item, "kind").Scalar() : "");
    if (!Kind || S.Object.empty() == S.Type.empty() ||
        (*Kind == StreamKind::Device && S.Type.empty()))
      return error(Item, "a stream needs 'object' or 'type', and 'kind': log, "
                         "storage, buffer or device (a type only)");
    S.Kind = *Kind;
    Streams.push_back(std::move(S));
  }
  for (const YAML::Node &Item : child((*Root), "text_macros")) {
    if (!isStringNode(Item))
      return error(Item, "a text macro is a macro's name");
    TextMacros.push_back(Item.Scalar());
  }
  for (const YAML::Node &Item : child((*Root), "hash_algorithms")) {
    HashAlgorithm A;
    static const llvm::StringRef AlgorithmKeys[] = {"names", "prefixes", "strength"};
    for (const auto &Field : Item)
      if (!llvm::is_contained(AlgorithmKeys, Field.first.Scalar()))
        return error(Field.first, "unknown key '" + Field.first.Scalar() +
                                      "' in a hash algorithm");
    std::optional<HashGrade> Strength = strengthOf(Item);
    if (!Strength)
      return error(Item, "a hash algorithm needs 'strength': weak, digest or "
                         "password");
    A.Strength = *Strength;
    for (auto [Key, List] : {std::pair{"names", &A.Names},
                             std::pair{"prefixes", &A.Prefixes}})
      for (const YAML::Node &Name : child(Item, Key)) {
        if (!isStringNode(Name))
          return error(Name, std::string("'") + Key + "' lists texts");
        List->push_back(Name.Scalar());
      }
    if (A.Names.empty() && A.Prefixes.empty())
      return error(Item, "a hash algorithm needs 'names' or 'prefixes'");
    HashAlgorithms.push_back(std::move(A));
  }
  if (child(*Root, "cookies").IsDefined())
    if (llvm::Error Err = parseCookieModels(child(*Root, "cookies"), FileName, Cookies))
      return Err;
  const YAML::Node Names = child((*Root), "conventions");
  if (Names.IsDefined() && !Names.IsMap())
    return error(Names, "'conventions' is a mapping of lists of names");
  if (Names.IsDefined()) {
    std::pair<llvm::StringRef, std::vector<std::string> *> Lists[] = {
        {"key_lookups", &Conventions.KeyLookups},
        {"key_lookups_returning_objects", &Conventions.KeyLookupsReturningObjects},
        {"value_reads", &Conventions.ValueReads},
        {"number_read_prefixes", &Conventions.NumberReadPrefixes},
        {"number_types", &Conventions.NumberTypes},
        {"setter_verbs", &Conventions.SetterVerbs},
        {"value_types", &Conventions.ValueTypes},
        {"forwarding_factories", &Conventions.ForwardingFactories},
        {"serializers", &Conventions.Serializers}};
    for (const auto &Field : Names) {
      auto *List = llvm::find_if(Lists, [&](const auto &L) {
        return L.first == Field.first.Scalar();
      });
      if (List == std::end(Lists))
        return error(Field.first, "unknown key '" + Field.first.Scalar() +
                                      "' in 'conventions'");
      if (!Field.second.IsSequence())
        return error(Field.second, "'" + Field.first.Scalar() +
                                       "' is a list of names");
      for (const YAML::Node &Name : Field.second) {
        if (!isStringNode(Name))
          return error(Name, "'" + Field.first.Scalar() + "' lists names");
        List->second->push_back(Name.Scalar());
      }
    }
  }
  return llvm::Error::success();
}

} // namespace

const LibraryModels &LibraryModels::builtin() {
  static const LibraryModels Builtin = [] {
    auto Parsed = parse(builtin::dataFilesUnder("policy-schema/models/"));
    if (!Parsed) // The files are part of the build and tested; this is a bug.
      llvm::report_fatal_error(llvm::toString(Parsed.takeError()).c_str());
    return std::move(*Parsed);
  }();
  return Builtin;
}

llvm::Expected<LibraryModels>
LibraryModels::parse(llvm::ArrayRef<builtin::DataFile> Files) {
  LibraryModels Result;
  for (const builtin::DataFile &File : Files) {
    if (!llvm::StringRef(File.Name).endswith(".yaml"))
      continue;
    ModelFileParser Parser(File.Name);
    try {
      if (llvm::Error Err =
              Parser.parse(File.Text, Result.Functions, Result.Streams,
                           Result.TextMacros, Result.HashAlgorithms,
                           Result.Cookies, Result.Conventions))
        return Err;
    } catch (const YAML::Exception &E) {
      return llvm::make_error<PolicyError>(
          PolicyLocation{File.Name, static_cast<unsigned>(E.mark.line + 1),
                         static_cast<unsigned>(E.mark.column + 1)},
          "unexpected shape: " + E.msg);
    }
  }
  for (size_t I = 0; I < Result.Functions.size(); ++I) {
    const std::string &Pattern = Result.Functions[I].Pattern;
    if (Pattern.find('*') == std::string::npos)
      Result.Exact.emplace(Pattern, I);
    else
      Result.Patterns.push_back(I);
  }
  return Result;
}

bool NamingConventions::isKeyLookup(llvm::StringRef Name,
                                    bool ReturnsObject) const {
  return llvm::is_contained(KeyLookups, Name) ||
         (ReturnsObject && llvm::is_contained(KeyLookupsReturningObjects, Name));
}

bool NamingConventions::isValueRead(llvm::StringRef Name) const {
  if (llvm::is_contained(ValueReads, Name))
    return true;
  std::string Lower = Name.lower();
  for (llvm::StringRef Prefix : NumberReadPrefixes) {
    llvm::StringRef Rest = Lower;
    if (!Rest.consume_front(Prefix))
      continue;
    Rest.consume_front("_");
    if (llvm::is_contained(NumberTypes, Rest))
      return true;
  }
  return false;
}

bool NamingConventions::isSetter(llvm::StringRef Name) const {
  for (llvm::StringRef Verb : SetterVerbs) {
    if (!Name.startswith(Verb))
      continue;
    llvm::StringRef Rest = Name.drop_front(Verb.size());
    if (Rest.empty() || Rest.front() == '_' || (Rest.front() >= 'A' && Rest.front() <= 'Z'))
      return true;
  }
  return false;
}

const FunctionModel *LibraryModels::find(llvm::StringRef QualifiedName) const {
  auto It = Exact.find(QualifiedName.str());
  if (It != Exact.end())
    return &Functions[It->second];
  for (size_t I : Patterns)
    if (matchesQualifiedNamePattern(Functions[I].Pattern, QualifiedName))
      return &Functions[I];
  return nullptr;
}

HashGrade LibraryModels::algorithmStrength(llvm::StringRef Name,
                                           llvm::StringRef Text) const {
  const std::string LowerName = Name.lower(), LowerText = Text.lower();
  for (const HashAlgorithm &A : HashAlgorithms) {
    for (const std::string &Pattern : A.Names) {
      const std::string Lower = llvm::StringRef(Pattern).lower();
      if ((!Name.empty() && matchesQualifiedNamePattern(Lower, LowerName)) ||
          (!Text.empty() && matchesQualifiedNamePattern(Lower, LowerText)))
        return A.Strength;
    }
    if (!Text.empty())
      for (const std::string &Prefix : A.Prefixes)
        if (Text.startswith(Prefix))
          return A.Strength;
  }
  return HashGrade::Unknown;
}

const StreamModel *
LibraryModels::streamForObject(llvm::StringRef QualifiedName) const {
  for (const StreamModel &S : Streams)
    if (!S.Object.empty() && S.Object == QualifiedName)
      return &S;
  return nullptr;
}

const StreamModel *
LibraryModels::streamForType(llvm::StringRef QualifiedTypeName) const {
  for (const StreamModel &S : Streams)
    if (!S.Type.empty() && matchesQualifiedNamePattern(S.Type, QualifiedTypeName))
      return &S;
  return nullptr;
}

} // namespace policycheck
