//===--- OutputFormats.h - SARIF, GitHub annotations ------------*- C++ -*-===//
#ifndef POLICYCHECK_TOOLS_OUTPUTFORMATS_H
#define POLICYCHECK_TOOLS_OUTPUTFORMATS_H

#include "policycheck/FindingRecord.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace policycheck::tool {

/// A path relative to the current folder when it lies under it, as code
/// scanning, annotations and the baseline name files.
std::string relativePath(llvm::StringRef Path);

/// SARIF 2.1.0 for code-scanning upload: one run, a rule per check with its
/// help text, each finding's notes as related locations. Paths under the
/// current folder are written relative to it (%SRCROOT%).
/// \p PolicyPath is listed as the run's policy artifact; \p Properties, when
/// not empty, are the run's properties (the data map's change).
void printSarif(const std::vector<FindingRecord> &Records, llvm::StringRef PolicyPath,
                llvm::raw_ostream &OS, llvm::json::Object Properties = {});

/// GitHub Actions workflow commands:
/// `::warning file=F,line=L,col=C,title=CHECK::MESSAGE`.
void printGitHub(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS);

} // namespace policycheck::tool

#endif
