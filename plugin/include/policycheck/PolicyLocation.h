//===--- PolicyLocation.h - Positions in a policy file ----------*- C++ -*-===//
#ifndef POLICYCHECK_POLICYLOCATION_H
#define POLICYCHECK_POLICYLOCATION_H

#include "llvm/Support/Error.h"

#include <string>
#include <system_error>

namespace policycheck {

/// A 1-based line and column in a policy or data file, so that every finding
/// can point at the policy line it holds the code to.
struct PolicyLocation {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;

  bool isValid() const { return Line != 0; }
  /// `file:line:column`, the prefix compilers use.
  std::string str() const;
};

/// One error in a policy or data file: where, and what was expected there.
class PolicyError : public llvm::ErrorInfo<PolicyError> {
public:
  static char ID;
  PolicyError(PolicyLocation Location, std::string Message)
      : Location(std::move(Location)), Message(std::move(Message)) {}

  const PolicyLocation &location() const { return Location; }
  /// The message without its location.
  const std::string &description() const { return Message; }
  /// `file:line:column: error: message`.
  std::string str() const;

  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override;

private:
  PolicyLocation Location;
  std::string Message;
};

} // namespace policycheck

#endif
