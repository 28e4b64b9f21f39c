//===--- LineHash.h - GitHub code scanning's line hashes --------*- C++ -*-===//
//
// GitHub code scanning matches an alert across uploads by the
// `primaryLocationLineHash` partial fingerprint. The codeql-action upload
// computes it when a SARIF file has none; an upload through the API does
// not, and without it every upload opens the alerts anew. So policycheck
// writes it itself, computed the way the upload does: a rolling hash
// (base 37, modulo 2^64) over the 100 characters from the start of each
// line, spaces and tabs skipped, line endings made `\n`, over the file's
// UTF-16 code units; a hash seen before in the file gets `:2`, `:3`, ...
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LINEHASH_H
#define POLICYCHECK_LINEHASH_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace policycheck {

/// The hash of every line of \p Text, the first line at index 0.
std::vector<std::string> lineHashes(llvm::StringRef Text);

} // namespace policycheck

#endif
