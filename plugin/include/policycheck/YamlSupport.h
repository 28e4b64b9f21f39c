//===--- YamlSupport.h - yaml-cpp without exceptions ------------*- C++ -*-===//
//
// yaml-cpp reports errors by throwing; the rest of policycheck runs inside the
// compiler and reports errors as values. These helpers are the one place that
// catches yaml-cpp's exceptions and turns node positions into PolicyLocations.
//
// Scalars are read with YAML 1.2 core-schema meaning, as editors do: only
// `true`/`false` are booleans (`on`, `off`, `yes` are strings), and a quoted
// scalar is always a string.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_YAMLSUPPORT_H
#define POLICYCHECK_YAMLSUPPORT_H

#include "policycheck/PolicyLocation.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>

namespace policycheck {

/// Parses one YAML document; a syntax error becomes a PolicyError at its line
/// and column.
llvm::Expected<YAML::Node> parseYamlDocument(llvm::StringRef Text,
                                             llvm::StringRef FileName);

PolicyLocation locationOf(llvm::StringRef FileName, const YAML::Node &Node);
llvm::Error makePolicyError(llvm::StringRef FileName, const YAML::Node &Node,
                            const std::string &Message);

/// The value under \p Key of a mapping, or an undefined node (IsDefined() is
/// false) when \p Node is not a mapping or lacks the key. yaml-cpp's own `operator[]` on a const node
/// returns an invalid node that throws when asked its type.
YAML::Node child(const YAML::Node &Node, const char *Key);

/// What a node is, as a message says it: "a mapping", "a list", "a string",
/// "a number", "a boolean", "nothing".
std::string describeNode(const YAML::Node &Node);

/// True for a scalar written in quotes, which is a string whatever its text.
bool isQuoted(const YAML::Node &Node);
bool isNullNode(const YAML::Node &Node);
bool isStringNode(const YAML::Node &Node);
std::optional<bool> asBool(const YAML::Node &Node);
std::optional<int64_t> asInteger(const YAML::Node &Node);

} // namespace policycheck

#endif
