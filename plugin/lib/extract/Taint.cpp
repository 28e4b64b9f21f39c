//===--- Taint.cpp - What personal data a value holds ---------------------===//
#include "policycheck/Taint.h"

namespace policycheck {

bool Taint::hasCategory(llvm::StringRef Category) const {
  for (const DataFact &F : Facts)
    if (F.Category == Category)
      return true;
  return false;
}

void Taint::add(DataFact Fact) {
  for (DataFact &F : Facts)
    if (F.Category == Fact.Category) {
      F.Protected.Hashed = F.Protected.Hashed && Fact.Protected.Hashed;
      F.Protected.Encrypted = F.Protected.Encrypted && Fact.Protected.Encrypted;
      return;
    }
  Facts.push_back(std::move(Fact));
}

void Taint::addParam(ParamUse Use) {
  for (ParamUse &P : Params)
    if (P.Index == Use.Index && P.Field == Use.Field) {
      P.Protected.Hashed = P.Protected.Hashed && Use.Protected.Hashed;
      P.Protected.Encrypted = P.Protected.Encrypted && Use.Protected.Encrypted;
      return;
    }
  Params.push_back(Use);
}

void Taint::merge(const Taint &Other) {
  for (const DataFact &F : Other.Facts)
    add(F);
  for (const ParamUse &P : Other.Params)
    addParam(P);
}

Taint Taint::transformed(TransformResult Result) const {
  if (Result == TransformResult::Anonymized)
    return Taint();
  Taint Out = *this;
  Protection Added{Result == TransformResult::Hashed,
                   Result == TransformResult::Encrypted};
  for (DataFact &F : Out.Facts)
    F.Protected = F.Protected | Added;
  for (ParamUse &P : Out.Params)
    P.Protected = P.Protected | Added;
  return Out;
}

} // namespace policycheck
