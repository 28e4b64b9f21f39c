#ifndef POLICYCHECK_TESTS_POLICYTESTSUPPORT_H
#define POLICYCHECK_TESTS_POLICYTESTSUPPORT_H

#include "policycheck/PolicyLoader.h"

#include <gtest/gtest.h>

namespace policycheck::test {

/// Parses \p Text as `p.yaml`; fails the test on an error.
inline std::shared_ptr<const Policy> parseOrFail(llvm::StringRef Text) {
  auto Loaded = parsePolicy(Text, "p.yaml");
  if (!Loaded) {
    ADD_FAILURE() << llvm::toString(Loaded.takeError());
    return nullptr;
  }
  return *Loaded;
}

/// The one error \p Text gives, as `p.yaml:L:C: error: ...`.
inline std::string errorOf(llvm::StringRef Text) {
  auto Loaded = parsePolicy(Text, "p.yaml");
  if (Loaded)
    return "(no error)";
  return llvm::toString(Loaded.takeError());
}

} // namespace policycheck::test

#endif
