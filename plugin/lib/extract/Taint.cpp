//===--- Taint.cpp - What personal data a value holds ---------------------===//
#include "policycheck/Taint.h"

namespace policycheck {

Protection Protection::then(const Protection &Over) const {
  Protection Out{Hashed || Over.Hashed, Encrypted || Over.Encrypted, Strength, Hash};
  if (Over.Hashed && (!Hashed || Over.Strength > Strength)) {
    Out.Strength = Over.Strength;
    Out.Hash = Over.Hash;
  }
  return Out;
}

Protection Protection::weakest(const Protection &Other) const {
  Protection Out{Hashed && Other.Hashed, Encrypted && Other.Encrypted,
                 HashGrade::Unknown, ""};
  if (!Out.Hashed)
    return Out;
  // An unknown strength says nothing: the known one, or the weaker of two.
  const Protection *Weaker = this;
  if (Strength == HashGrade::Unknown ||
      (Other.Strength != HashGrade::Unknown && Other.Strength < Strength))
    Weaker = &Other;
  Out.Strength = Weaker->Strength;
  Out.Hash = Weaker->Hash;
  return Out;
}

bool Protection::weakerThan(const Protection &Known) const {
  if ((Known.Hashed && !Hashed) || (Known.Encrypted && !Encrypted))
    return true;
  if (!Hashed || !Known.Hashed || Strength == HashGrade::Unknown ||
      Strength == HashGrade::Password)
    return false;
  // A weak hash or a digest the caller knows of says more than a name that
  // only says "hashed" (`password_hash`).
  return Known.Strength == HashGrade::Unknown || Strength < Known.Strength;
}

bool Taint::hasCategory(llvm::StringRef Category) const {
  for (const DataFact &F : Facts)
    if (F.Category == Category)
      return true;
  return false;
}

void Taint::add(DataFact Fact) {
  for (DataFact &F : Facts)
    if (F.Category == Fact.Category) {
      F.Protected = F.Protected.weakest(Fact.Protected);
      return;
    }
  Facts.push_back(std::move(Fact));
}

void Taint::addParam(ParamUse Use) {
  for (ParamUse &P : Params)
    if (P.Index == Use.Index && P.Field == Use.Field) {
      P.Protected = P.Protected.weakest(Use.Protected);
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
  return protectedBy(Result == TransformResult::Hashed
                         ? Protection::hashed(HashGrade::Unknown, "")
                         : Protection::encrypted());
}

Taint Taint::protectedBy(const Protection &Added) const {
  Taint Out = *this;
  for (DataFact &F : Out.Facts)
    F.Protected = F.Protected.then(Added);
  for (ParamUse &P : Out.Params)
    P.Protected = P.Protected.then(Added);
  return Out;
}

} // namespace policycheck
