//===--- PolicyExplainer.h - The policy as a person reads it ----*- C++ -*-===//
#ifndef POLICYCHECK_POLICYEXPLAINER_H
#define POLICYCHECK_POLICYEXPLAINER_H

#include "policycheck/Policy.h"

#include "llvm/Support/raw_ostream.h"

namespace policycheck {

/// Writes the model in plain words: what is collected, how it is stored and
/// for how long, who receives what, what is never collected. Privacy reviewers
/// read this beside the written policy to confirm the translation.
void explainPolicy(const Policy &P, llvm::raw_ostream &OS);

} // namespace policycheck

#endif
