//===--- YamlSupport.cpp - yaml-cpp without exceptions --------------------===//
#include "policycheck/YamlSupport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

/// yaml-cpp's messages name its parser's states; say what the writer of the
/// file should change instead, where the cause is clear.
static std::string explainYamlError(const YAML::Exception &E,
                                    llvm::StringRef Text) {
  llvm::StringRef Msg = E.msg;
  if (Msg == "end of map not found")
    return "this line does not line up with the keys above it (check its "
           "indentation)";
  if (Msg == "end of sequence flow not found")
    return "missing ']' to close the list opened with '['";
  if (Msg == "end of map flow not found")
    return "missing '}' to close the mapping opened with '{'";
  if (Msg == "the referenced anchor is not defined" && !E.mark.is_null() &&
      static_cast<size_t>(E.mark.pos) < Text.size() &&
      Text[E.mark.pos] == '*') {
    llvm::StringRef Word = Text.drop_front(E.mark.pos);
    Word = Word.take_until([](char C) {
      return C == ',' || C == ']' || C == '}' || C == ' ' || C == '\n' ||
             C == '\r' || C == '#';
    });
    return ("unquoted '" + Word + "' is read as a YAML alias; quote patterns "
            "that start with '*', as in \"" + Word + "\"").str();
  }
  if (Msg == "bad file")
    return "the document is nested too deeply or is not text";
  return E.msg;
}

llvm::Expected<YAML::Node> parseYamlDocument(llvm::StringRef Text,
                                             llvm::StringRef FileName) {
  try {
    std::vector<YAML::Node> Documents = YAML::LoadAll(Text.str());
    if (Documents.size() > 1) {
      // A second document would otherwise be ignored without a word. Point at
      // its `---` (a marker before any content only opens the first one).
      llvm::SmallVector<llvm::StringRef, 64> Lines;
      Text.split(Lines, '\n');
      bool SeenContent = false;
      for (unsigned I = 0; I < Lines.size(); ++I) {
        llvm::StringRef Line = Lines[I].rtrim("\r");
        if (Line.startswith("---") && SeenContent)
          return llvm::make_error<PolicyError>(
              PolicyLocation{FileName.str(), I + 1, 1},
              "a second YAML document starts here; a policy file holds "
              "exactly one policy");
        llvm::StringRef Trimmed = Line.trim();
        if (!Trimmed.empty() && !Trimmed.startswith("#") &&
            !Line.startswith("---") && !Line.startswith("%"))
          SeenContent = true;
      }
      return makePolicyError(FileName, Documents[1],
                             "a second YAML document starts here; a policy "
                             "file holds exactly one policy");
    }
    return Documents.empty() ? YAML::Node() : Documents.front();
  } catch (const YAML::Exception &E) {
    PolicyLocation Loc{FileName.str(), static_cast<unsigned>(E.mark.line + 1),
                       static_cast<unsigned>(E.mark.column + 1)};
    if (E.mark.is_null())
      Loc.Line = Loc.Column = 1;
    return llvm::make_error<PolicyError>(Loc, "invalid YAML: " +
                                                  explainYamlError(E, Text));
  }
}

YAML::Node child(const YAML::Node &Node, const char *Key) {
  if (Node.IsDefined() && Node.IsMap())
    for (const auto &Pair : Node)
      if (Pair.first.IsScalar() && Pair.first.Scalar() == Key)
        return Pair.second;
  return YAML::Node(YAML::NodeType::Undefined);
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
