//===--- Commands.h - The policycheck command's sub-commands ----*- C++ -*-===//
#ifndef POLICYCHECK_TOOLS_COMMANDS_H
#define POLICYCHECK_TOOLS_COMMANDS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace policycheck::tool {

/// Exit statuses, as the contract fixes them.
enum ExitStatus { ExitClean = 0, ExitFindings = 1, ExitUsageOrPolicyError = 2 };

/// `policycheck validate POLICY...`: loads each policy; prints its errors.
int runValidate(llvm::ArrayRef<llvm::StringRef> Args);
/// `policycheck --policy FILE -p BUILD_DIR [FILES...]`: checks the code.
int runCheck(llvm::ArrayRef<llvm::StringRef> Args);
/// `policycheck explain POLICY`: the model in plain words.
int runExplain(llvm::ArrayRef<llvm::StringRef> Args);
int runLink(llvm::ArrayRef<llvm::StringRef> Args);

} // namespace policycheck::tool

#endif
