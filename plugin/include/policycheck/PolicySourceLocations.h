//===--- PolicySourceLocations.h - Policy lines as Clang locations -*- C++ -*-===//
//
// Notes that point at the policy (`privacy-policy.yaml:31:5: note: PostHog
// receives: user.behavior`) are ordinary Clang notes in the compiler plugin and
// the clang-tidy module: the policy file is entered into the translation
// unit's SourceManager so that its lines have SourceLocations.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_POLICYSOURCELOCATIONS_H
#define POLICYCHECK_POLICYSOURCELOCATIONS_H

#include "policycheck/PolicyLocation.h"

#include "clang/Basic/SourceManager.h"

#include <map>
#include <string>

namespace policycheck {

class PolicySourceLocations {
public:
  explicit PolicySourceLocations(clang::SourceManager &SM) : SM(SM) {}

  /// The location of a policy line, or an invalid location when the file
  /// cannot be read.
  clang::SourceLocation get(const PolicyLocation &Where);

private:
  clang::SourceManager &SM;
  std::map<std::string, clang::FileID> Files;
};

} // namespace policycheck

#endif
