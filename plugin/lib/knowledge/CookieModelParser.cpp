//===--- CookieModelParser.cpp - The `cookies:` section of model files ----===//
#include "knowledge/CookieModelParser.h"

#include "policycheck/YamlSupport.h"

#include "llvm/ADT/STLExtras.h"

namespace policycheck {

namespace {

class CookieSectionParser {
public:
  CookieSectionParser(llvm::StringRef FileName) : FileName(FileName) {}

  llvm::Error parse(const YAML::Node &Section, CookieModels &Out);

private:
  llvm::StringRef FileName;

  llvm::Error error(const YAML::Node &Node, const std::string &Message) {
    return makePolicyError(FileName, Node, Message);
  }
  /// Checks that \p Item is a mapping of only \p Allowed keys.
  llvm::Error keys(const YAML::Node &Item, llvm::ArrayRef<llvm::StringRef> Allowed,
                   llvm::StringRef What) {
    if (!Item.IsMap())
      return error(Item, "expected a mapping for " + What.str());
    for (const auto &Field : Item)
      if (!llvm::is_contained(Allowed, Field.first.Scalar()))
        return error(Field.first, "unknown key '" + Field.first.Scalar() + "' in " +
                                      What.str());
    return llvm::Error::success();
  }
  llvm::Error text(const YAML::Node &Item, const char *Key, std::string &Out) {
    if (!isStringNode(child(Item, Key)))
      return error(Item, std::string("expected '") + Key + "'");
    Out = child(Item, Key).Scalar();
    return llvm::Error::success();
  }
  llvm::Error index(const YAML::Node &Item, const char *Key,
                    std::optional<unsigned> &Out) {
    if (!child(Item, Key).IsDefined())
      return llvm::Error::success();
    std::optional<int64_t> N = asInteger(child(Item, Key));
    if (!N || *N < 0)
      return error(child(Item, Key), "expected an argument position counted from 0");
    Out = unsigned(*N);
    return llvm::Error::success();
  }
  template <typename T> llvm::Error list(const YAML::Node &Node, T &&Each) {
    if (!Node.IsDefined())
      return llvm::Error::success();
    if (!Node.IsSequence())
      return error(Node, "expected a list");
    for (const YAML::Node &Item : Node)
      if (llvm::Error Err = Each(Item))
        return Err;
    return llvm::Error::success();
  }
};

llvm::Error CookieSectionParser::parse(const YAML::Node &Section, CookieModels &Out) {
  if (llvm::Error Err = keys(Section,
                             {"header_names", "same_site", "headers", "objects",
                              "setters", "sets"},
                             "'cookies'"))
    return Err;
  if (llvm::Error Err = list(child(Section, "header_names"), [&](const YAML::Node &N) -> llvm::Error {
        if (!isStringNode(N))
          return error(N, "a header name is a text or an enumerator's name");
        Out.HeaderNames.push_back(N.Scalar());
        return llvm::Error::success();
      }))
    return Err;
  const YAML::Node SameSites = child(Section, "same_site");
  if (SameSites.IsDefined()) {
    if (llvm::Error Err = keys(SameSites, {"strict", "lax", "none"}, "'same_site'"))
      return Err;
    for (auto [Key, Value] : {std::pair{"strict", SameSite::Strict},
                              std::pair{"lax", SameSite::Lax},
                              std::pair{"none", SameSite::None}})
      if (llvm::Error Err = list(child(SameSites, Key), [&, Value = Value](const YAML::Node &N) -> llvm::Error {
            if (!isStringNode(N))
              return error(N, "a SameSite value is an enumerator's name");
            Out.SameSiteNames.push_back({N.Scalar(), Value});
            return llvm::Error::success();
          }))
        return Err;
  }
  if (llvm::Error Err = list(child(Section, "headers"), [&](const YAML::Node &Item) -> llvm::Error {
        CookieModels::Header H;
        std::optional<unsigned> Name, Value;
        if (llvm::Error Err = keys(Item, {"function", "name_argument", "value_argument"},
                                   "a header model"))
          return Err;
        if (llvm::Error Err = text(Item, "function", H.Function))
          return Err;
        if (llvm::Error Err = index(Item, "name_argument", Name))
          return Err;
        if (llvm::Error Err = index(Item, "value_argument", Value))
          return Err;
        if (!Name || !Value)
          return error(Item, "a header model needs 'name_argument' and 'value_argument'");
        H.NameArgument = *Name;
        H.ValueArgument = *Value;
        Out.Headers.push_back(std::move(H));
        return llvm::Error::success();
      }))
    return Err;
  if (llvm::Error Err = list(child(Section, "objects"), [&](const YAML::Node &Item) -> llvm::Error {
        CookieModels::Object O;
        if (llvm::Error Err =
                keys(Item, {"type", "name_argument", "value_argument"}, "a cookie class"))
          return Err;
        if (llvm::Error Err = text(Item, "type", O.Type))
          return Err;
        if (llvm::Error Err = index(Item, "name_argument", O.NameArgument))
          return Err;
        if (llvm::Error Err = index(Item, "value_argument", O.ValueArgument))
          return Err;
        Out.Objects.push_back(std::move(O));
        return llvm::Error::success();
      }))
    return Err;
  if (llvm::Error Err = list(child(Section, "setters"), [&](const YAML::Node &Item) -> llvm::Error {
        CookieModels::Setter S;
        if (llvm::Error Err = keys(Item, {"function", "attribute"}, "a cookie setter"))
          return Err;
        if (llvm::Error Err = text(Item, "function", S.Function))
          return Err;
        if (llvm::Error Err = text(Item, "attribute", S.Attribute))
          return Err;
        static const llvm::StringRef Attributes[] = {"name", "value", "Secure",
                                                     "HttpOnly", "SameSite", "Max-Age"};
        if (!llvm::is_contained(Attributes, S.Attribute))
          return error(child(Item, "attribute"),
                       "expected name, value, Secure, HttpOnly, SameSite or Max-Age");
        Out.Setters.push_back(std::move(S));
        return llvm::Error::success();
      }))
    return Err;
  return list(child(Section, "sets"), [&](const YAML::Node &Item) -> llvm::Error {
    CookieModels::Set S;
    std::optional<unsigned> Cookie;
    if (llvm::Error Err = keys(Item, {"function", "cookie_argument"}, "a cookie set"))
      return Err;
    if (llvm::Error Err = text(Item, "function", S.Function))
      return Err;
    if (llvm::Error Err = index(Item, "cookie_argument", Cookie))
      return Err;
    if (!Cookie)
      return error(Item, "a cookie set needs 'cookie_argument'");
    S.CookieArgument = *Cookie;
    Out.Sets.push_back(std::move(S));
    return llvm::Error::success();
  });
}

} // namespace

llvm::Error parseCookieModels(const YAML::Node &Section, llvm::StringRef FileName,
                              CookieModels &Out) {
  return CookieSectionParser(FileName).parse(Section, Out);
}

} // namespace policycheck
