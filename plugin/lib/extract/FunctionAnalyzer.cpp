//===--- FunctionAnalyzer.cpp - Following data through one function -------===//
#include "extract/FunctionAnalyzer.h"
#include "extract/Walker.h"

#include "policycheck/CodeFacts.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

namespace policycheck {

using walker::Walker;

void analyzeFunction(TranslationUnitState &State, const clang::FunctionDecl *FD,
                     FunctionSummary &Summary) {
  Walker(State, FD, Summary).run();
  // POLICYCHECK_TRACE=1 shows each function's summary: how a flow was seen.
  static const bool Trace = std::getenv("POLICYCHECK_TRACE") != nullptr;
  if (!Trace)
    return;
  llvm::errs() << "policycheck: summary of " << qualifiedName(*FD) << ": returns";
  for (const DataFact &F : Summary.Returns.facts())
    llvm::errs() << " " << F.Category << (F.Protected.Hashed ? "(hashed)" : "")
                 << (F.Protected.Encrypted ? "(encrypted)" : "");
  for (const ParamUse &P : Summary.Returns.params())
    if (P.Index == ParamUse::Receiver)
      llvm::errs() << " this" << P.Field;
    else
      llvm::errs() << " param" << P.Index << P.Field;
  if (Summary.ReturnText)
    llvm::errs() << " text '" << *Summary.ReturnText << "'";
  for (const ReceiverWrite &W : Summary.ReceiverWrites)
    llvm::errs() << "; writes this" << W.Field;
  llvm::errs() << "; " << Summary.Sinks.size() << " sinks waiting for callers\n";
}

} // namespace policycheck

