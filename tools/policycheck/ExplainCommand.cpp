//===--- ExplainCommand.cpp - policycheck explain -------------------------===//
#include "Commands.h"

#include "policycheck/PolicyExplainer.h"
#include "policycheck/PolicyLoader.h"

#include "llvm/Support/raw_ostream.h"

namespace policycheck::tool {

int runExplain(llvm::ArrayRef<llvm::StringRef> Args) {
  if (Args.size() != 1) {
    llvm::errs() << "usage: policycheck explain POLICY.yaml\n";
    return ExitUsageOrPolicyError;
  }
  llvm::Expected<std::shared_ptr<const Policy>> Loaded = loadPolicyFile(Args[0]);
  if (!Loaded) {
    llvm::handleAllErrors(Loaded.takeError(), [](const PolicyError &E) {
      llvm::errs() << E.str() << "\n";
    });
    return ExitUsageOrPolicyError;
  }
  explainPolicy(**Loaded, llvm::outs());
  return ExitClean;
}

} // namespace policycheck::tool
