//===--- PolicyLocation.cpp - Positions in a policy file ------------------===//
#include "policycheck/PolicyLocation.h"

#include "llvm/Support/raw_ostream.h"

namespace policycheck {

char PolicyError::ID = 0;

std::string PolicyLocation::str() const {
  if (!isValid())
    return File;
  return File + ":" + std::to_string(Line) + ":" + std::to_string(Column);
}

std::string PolicyError::str() const {
  return Location.str() + ": error: " + Message;
}

void PolicyError::log(llvm::raw_ostream &OS) const { OS << str(); }

std::error_code PolicyError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

} // namespace policycheck
