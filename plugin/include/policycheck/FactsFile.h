//===--- FactsFile.h - A translation unit's facts, written by the build -*- C++ -*-===//
//
// The compiler plugin (`facts=DIR`) and the clang-tidy module (`FactsDir`)
// write each translation unit's facts (UnitFacts) into a folder while the
// build runs; `policycheck link DIR` reports the whole program from them
// without parsing. One file per source and output (two configurations of a
// build writing into one folder keep one file each), written whole through
// a temporary file and a rename, so that concurrent compiles and
// interrupted builds leave either the old file or the new one.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_FACTSFILE_H
#define POLICYCHECK_FACTSFILE_H

#include "policycheck/UnitFacts.h"

#include "llvm/Support/Error.h"

#include <string>

namespace policycheck {

struct FactsFile {
  std::string Source;     // the main source file, absolute
  std::string PolicyPath; // the policy the facts were judged against
  std::string PolicyHash; // of its text
  UnitFacts Facts;
};

/// A hash of a text, as the facts name a policy by.
std::string textHash(llvm::StringRef Text);

/// Names the policy in \p F as every writer of facts does: its absolute
/// path and the hash of its text (empty when it cannot be read).
void namePolicy(FactsFile &F, llvm::StringRef PolicyPath);

/// Writes \p F into \p Folder under a name made from its source and \p Output
/// (the compile's output file, empty for -fsyntax-only).
llvm::Error writeFactsFile(llvm::StringRef Folder, llvm::StringRef Output,
                           const FactsFile &F);

/// Writes the facts of one analysis (see unitFactsOf) into \p Folder, naming
/// its main source and its policy by absolute path: what the plugin and the
/// clang-tidy module call after analysing a translation unit.
llvm::Error writeTranslationUnitFacts(llvm::StringRef Folder, llvm::StringRef Output,
                                      const AnalysisResult &Result,
                                      const clang::SourceManager &SM, const Knowledge &K,
                                      const ProgramSummaries *Linked,
                                      llvm::StringRef PolicyPath);

/// Reads one facts file; a file that is cut short, of another format or of
/// another policycheck version is one error naming it.
llvm::Expected<FactsFile> readFactsFile(llvm::StringRef Path);

} // namespace policycheck

#endif
