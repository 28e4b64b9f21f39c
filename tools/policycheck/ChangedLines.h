//===--- ChangedLines.h - The lines a change touches ------------*- C++ -*-===//
//
// `--diff-base REF` (git diff against a revision) and `--changed-lines DIFF`
// (a unified diff, `-` for standard input) keep the findings whose path
// touches a line the change adds or modifies: the finding's own line or any
// place its notes point at (where the data comes from, the calls on its
// way, the policy line it contradicts). A source changed in one file makes
// a finding at an unchanged sink in another, and that finding is kept
// (contract section 7).
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TOOL_CHANGEDLINES_H
#define POLICYCHECK_TOOL_CHANGEDLINES_H

#include "policycheck/FindingRecord.h"

#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>

namespace policycheck::tool {

struct ChangedLines {
  /// By absolute path, the new side's lines added or modified; a deletion
  /// marks the line after it.
  std::map<std::string, std::set<unsigned>> Lines;

  bool touches(const PositionRecord &P) const;
  bool touches(const FindingRecord &R) const;
};

/// Parses a unified diff whose paths are relative to \p Root (git's `a/`
/// and `b/` prefixes taken off). \p Name names the diff in errors.
llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Diff, llvm::StringRef Root,
                                              llvm::StringRef Name);

/// The lines changed since \p Ref in the git work tree of the current
/// folder (committed, staged or not), by `git diff`.
llvm::Expected<ChangedLines> changedSince(llvm::StringRef Ref);

/// The diff of `--changed-lines`: a file, or standard input for `-`; paths
/// relative to the git work tree of the current folder, or to the folder.
llvm::Expected<ChangedLines> readChangedLines(llvm::StringRef Path);

} // namespace policycheck::tool

#endif
