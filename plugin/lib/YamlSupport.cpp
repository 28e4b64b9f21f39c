//===--- YamlSupport.cpp - yaml-cpp without exceptions --------------------===//
#include "policycheck/YamlSupport.h"

#include "llvm/ADT/StringExtras.h"

namespace policycheck {

llvm::Expected<YAML::Node> parseYamlDocument(llvm::StringRef Text,
                                             llvm::StringRef FileName) {
  try {
    return YAML::Load(Text.str());
  } catch (const YAML::Exception &E) {
    PolicyLocation Loc{FileName.str(), static_cast<unsigned>(E.mark.line + 1),
                       static_cast<unsigned>(E.mark.column + 1)};
    if (E.mark.is_null())
      Loc.Line = Loc.Column = 1;
    return llvm::make_error<PolicyError>(Loc, "invalid YAML: " + E.msg);
  }
}

PolicyLocation locationOf(llvm::StringRef FileName, const YAML::Node &Node) {
  YAML::Mark Mark = Node.Mark();
  if (Mark.is_null())
    return {FileName.str(), 1, 1};
  return {FileName.str(), static_cast<unsigned>(Mark.line + 1),
          static_cast<unsigned>(Mark.column + 1)};
}

llvm::Error makePolicyError(llvm::StringRef FileName, const YAML::Node &Node,
                            const std::string &Message) {
  return llvm::make_error<PolicyError>(locationOf(FileName, Node), Message);
}

bool isQuoted(const YAML::Node &Node) {
  return Node.IsScalar() && Node.Tag() == "!";
}

bool isNullNode(const YAML::Node &Node) {
  if (!Node.IsDefined() || Node.IsNull())
    return true;
  if (!Node.IsScalar() || isQuoted(Node))
    return false;
  const std::string &S = Node.Scalar();
  return S == "~" || S == "null" || S == "Null" || S == "NULL";
}

std::optional<bool> asBool(const YAML::Node &Node) {
  if (!Node.IsScalar() || isQuoted(Node))
    return std::nullopt;
  const std::string &S = Node.Scalar();
  if (S == "true" || S == "True" || S == "TRUE")
    return true;
  if (S == "false" || S == "False" || S == "FALSE")
    return false;
  return std::nullopt;
}

std::optional<int64_t> asInteger(const YAML::Node &Node) {
  if (!Node.IsScalar() || isQuoted(Node))
    return std::nullopt;
  llvm::StringRef S = Node.Scalar();
  int64_t Value = 0;
  if (S.empty() || S.getAsInteger(10, Value))
    return std::nullopt;
  return Value;
}

static bool looksLikeNumber(llvm::StringRef S) {
  double Ignored;
  return !S.empty() && !S.getAsDouble(Ignored) && S != "." ;
}

bool isStringNode(const YAML::Node &Node) {
  if (!Node.IsScalar() || isNullNode(Node))
    return false;
  if (isQuoted(Node))
    return true;
  return !asBool(Node) && !looksLikeNumber(Node.Scalar());
}

std::string describeNode(const YAML::Node &Node) {
  if (isNullNode(Node))
    return "nothing";
  if (Node.IsMap())
    return "a mapping";
  if (Node.IsSequence())
    return "a list";
  if (isQuoted(Node))
    return "a string";
  if (asBool(Node))
    return "a boolean";
  if (looksLikeNumber(Node.Scalar()))
    return "a number";
  return "a string";
}

} // namespace policycheck
