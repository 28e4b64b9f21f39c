//===--- ValidateCommand.cpp - policycheck validate -----------------------===//
#include "Commands.h"

#include "policycheck/PolicyLoader.h"

#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

namespace policycheck::tool {

int runValidate(llvm::ArrayRef<llvm::StringRef> Args) {
  if (Args.empty()) {
    llvm::errs() << "usage: policycheck validate POLICY.yaml...\n";
    return ExitUsageOrPolicyError;
  }
  int Status = ExitClean;
  for (llvm::StringRef Path : Args) {
    llvm::Expected<std::shared_ptr<const Policy>> Loaded = loadPolicyFile(Path);
    if (!Loaded) {
      llvm::handleAllErrors(Loaded.takeError(), [](const PolicyError &E) {
        llvm::errs() << E.str() << "\n";
      });
      Status = ExitUsageOrPolicyError;
      continue;
    }
    const Policy &P = **Loaded;
    llvm::outs() << Path << ": valid policy of " << P.service() << " ("
                 << P.categories().size() << " categories, "
                 << P.notCollected().size() << " never collected, "
                 << P.vendors().size() << " vendors)\n";
  }
  return Status;
}

} // namespace policycheck::tool
