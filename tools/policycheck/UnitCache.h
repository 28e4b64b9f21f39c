//===--- UnitCache.h - Each translation unit's outcome between runs -*- C++ -*-===//
//
// The tool keeps each source file's outcome in the build folder
// (`.policycheck-cache/`), keyed by what decides it: the file's compile
// commands, the contents of the source and of every header it read, the
// policy and the policycheck binary itself. A file whose key still holds is
// not parsed again; one whose key does not, or that has no entry, is.
//
// Entries are written whole through a temporary file and a rename, so that
// an interrupted run or two runs at once leave either the old entry or the
// new one; an entry that cannot be read is a miss, never an error.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TOOL_UNITCACHE_H
#define POLICYCHECK_TOOL_UNITCACHE_H


#include "policycheck/UnitFacts.h"

#include <optional>
#include <string>

namespace policycheck::tool {

class UnitCache {
public:
  /// \p Identity names everything besides the file that decides an outcome:
  /// the policycheck binary and the policy's text.
  UnitCache(std::string Folder, std::string Identity)
      : Folder(std::move(Folder)), Identity(std::move(Identity)) {}

  struct Entry {
    UnitFacts Outcome;
    /// False when the file, a header or the command has changed since: the
    /// outcome is then only a record of what the file used to export.
    bool Current = false;
  };

  /// The stored outcome of \p File compiled by \p Commands, if there is one.
  std::optional<Entry> load(const std::string &File, const std::string &Commands) const;
  /// Stores an outcome; false when it cannot be written (the caller warns
  /// once: a cache that cannot be written only makes the next run slower).
  bool store(const std::string &File, const std::string &Commands,
             const UnitFacts &Outcome) const;

  /// Removes the entries of every file but \p Kept (file, commands): the
  /// files gone from the build.
  void prune(const std::vector<std::pair<std::string, std::string>> &Kept) const;

private:
  std::string pathFor(const std::string &File, const std::string &Commands) const;
  std::string Folder;
  std::string Identity;
};

/// What identifies this policycheck binary: its version, and its size and
/// modification time (a rebuilt binary may judge differently).
std::string binaryIdentity();

} // namespace policycheck::tool

#endif
