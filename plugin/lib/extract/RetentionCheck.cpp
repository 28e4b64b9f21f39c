//===--- RetentionCheck.cpp - Retention constants vs the policy -----------===//
#include "extract/RetentionCheck.h"
#include "extract/ProjectCodeVisitor.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/IdentifierWords.h"

#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

namespace {

const char *const RetentionWords[] = {"retention", "ttl", "max", "age",
                                      "expiry", "expiration", "lifetime",
                                      "keep", "retain"};
const std::pair<const char *, uint64_t> UnitWords[] = {
    {"ms", 0}, {"millis", 0}, {"milliseconds", 0}, {"seconds", 1}, {"secs", 1},
    {"sec", 1}, {"s", 1}, {"minutes", 60}, {"mins", 60}, {"min", 60},
    {"hours", 3600}, {"hrs", 3600}, {"h", 3600}, {"days", 86400}, {"d", 86400},
    {"weeks", 604800}, {"months", 2592000}, {"years", 31536000}};

bool isRetentionName(const std::vector<std::string> &Words) {
  bool Retention = false;
  for (size_t I = 0; I < Words.size(); ++I) {
    const std::string &W = Words[I];
    if (W == "retention" || W == "ttl" || W == "expiry" || W == "expiration" ||
        W == "lifetime")
      Retention = true;
    if (W == "age" && I > 0 && Words[I - 1] == "max")
      Retention = true;
  }
  return Retention;
}

/// Seconds held by a duration constant: a std::chrono::duration, or an
/// integer whose name gives the unit (seconds when it gives none).
std::optional<uint64_t> durationSeconds(const clang::VarDecl &VD,
                                        const std::vector<std::string> &Words,
                                        clang::ASTContext &Ctx) {
  const clang::Expr *Init = VD.getAnyInitializer();
  if (!Init || Init->isValueDependent())
    return std::nullopt;
  clang::QualType T = VD.getType().getCanonicalType();
  if (const auto *Record = T->getAsCXXRecordDecl()) {
    const auto *Spec = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(Record);
    if (!Spec || qualifiedName(*Spec) != "std::chrono::duration")
      return std::nullopt;
    // duration<Rep, ratio<Num, Den>>: count the ticks the initializer gives.
    const clang::TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 2 || Args[1].getKind() != clang::TemplateArgument::Type)
      return std::nullopt;
    const auto *Ratio = Args[1].getAsType()->getAsCXXRecordDecl();
    const auto *RatioSpec =
        llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(Ratio);
    if (!RatioSpec || RatioSpec->getTemplateArgs().size() < 2)
      return std::nullopt;
    int64_t Num = RatioSpec->getTemplateArgs()[0].getAsIntegral().getExtValue();
    int64_t Den = RatioSpec->getTemplateArgs()[1].getAsIntegral().getExtValue();
    // The tick count: the integer the duration is built from, or another
    // duration constant it copies.
    const clang::Expr *E = Init->IgnoreImplicit();
    while (true) {
      if (const auto *Wrap = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(E))
        E = Wrap->getSubExpr()->IgnoreImplicit();
      else if (const auto *Bind = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
        E = Bind->getSubExpr()->IgnoreImplicit();
      else if (const auto *Mat = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
        E = Mat->getSubExpr()->IgnoreImplicit();
      else
        break;
    }
    const auto *C = llvm::dyn_cast<clang::CXXConstructExpr>(E);
    if (!C || C->getNumArgs() != 1)
      return std::nullopt;
    const clang::Expr *Arg = C->getArg(0)->IgnoreImplicit();
    clang::Expr::EvalResult R;
    if (!Arg->getType()->getAsCXXRecordDecl() && Arg->EvaluateAsInt(R, Ctx))
      return static_cast<uint64_t>(R.Val.getInt().getExtValue()) * Num / Den;
    if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(Arg))
      if (const auto *Other = llvm::dyn_cast<clang::VarDecl>(Ref->getDecl()))
        return durationSeconds(*Other, Words, Ctx);
    // `24h * 45`, duration_cast<...>(...): not read (see docs/checks).
    return std::nullopt;
  }
  if (!T->isIntegerType())
    return std::nullopt;
  clang::Expr::EvalResult R;
  if (!Init->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  int64_t Count = R.Val.getInt().getExtValue();
  if (Count < 0)
    return std::nullopt;
  uint64_t Unit = 1;
  for (const std::string &W : Words)
    for (const auto &[Word, Seconds] : UnitWords)
      if (W == Word)
        Unit = Seconds;
  if (Unit == 0) // milliseconds
    return static_cast<uint64_t>(Count) / 1000;
  return static_cast<uint64_t>(Count) * Unit;
}

class RetentionVisitor : public ProjectCodeVisitor<RetentionVisitor> {
public:
  RetentionVisitor(clang::ASTContext &Ctx, const Knowledge &K,
                   TranslationUnitState &State, std::vector<Finding> &Findings)
      : ProjectCodeVisitor(Ctx.getSourceManager()), Ctx(Ctx), K(K), State(State),
        Findings(Findings) {}

  bool VisitVarDecl(clang::VarDecl *VD) {
    if (!VD->hasInit() || llvm::isa<clang::ParmVarDecl>(VD) ||
        (!VD->getType().isConstQualified() && !VD->isConstexpr()) ||
        isOutsideProjectCode(SM, VD->getLocation()))
      return true;
    const Policy &P = *K.ThePolicy;
    std::string Name = qualifiedName(*VD);
    std::string Category;
    std::string How;
    for (const RetentionModel &M : P.retentionModels())
      if (matchesQualifiedNamePattern(M.Constant, Name)) {
        Category = M.Category;
        How = "a retention model in the policy's code models";
      }
    if (const auto &A = State.annotationsOf(VD); A.RetentionCategory) {
      Category = *A.RetentionCategory;
      How = "its PRIVACY_RETENTION annotation";
    }
    std::vector<std::string> Words = splitIdentifierWords(VD->getName());
    if (Category.empty() && isRetentionName(Words)) {
      // The name without its retention and unit words names the category.
      std::vector<std::string> Rest;
      for (const std::string &W : Words) {
        bool Drop = llvm::is_contained(RetentionWords, W);
        for (const auto &[Unit, Seconds] : UnitWords)
          Drop = Drop || W == Unit;
        if (!Drop)
          Rest.push_back(W);
      }
      if (Rest.empty())
        return true;
      auto Result = K.Names.classify(llvm::join(Rest, "_"), NameKind::Identifier,
                                     TypeClass::Unknown);
      if (!Result)
        return true;
      Category = Result->Category;
      How = "its name";
    }
    if (Category.empty())
      return true;
    std::optional<uint64_t> Seconds = durationSeconds(*VD, Words, Ctx);
    if (!Seconds)
      return true;
    const CategoryDecl *Decl = P.declaration(Category);
    if (!Decl || !Decl->Retention || !Decl->Retention->isFinite())
      return true;
    if (*Seconds <= Decl->Retention->Seconds)
      return true;
    Finding F;
    F.Check = CheckKind::Retention;
    F.Location = VD->getLocation();
    F.Category = Category;
    F.Destination = "-";
    F.Message = "'" + VD->getNameAsString() + "' keeps '" + Category + "' for " +
                describeSeconds(*Seconds) + ", but the policy says at most " +
                Decl->Retention->describe();
    F.Notes.push_back({VD->getLocation(), PolicyLocation(),
                       "'" + VD->getNameAsString() + "' is tied to '" +
                           Category + "' by " + How,
                       PositionRecord(), NoteKind::Origin});
    F.Notes.push_back({clang::SourceLocation(), Decl->RetentionLocation,
                       Decl->Key + ": retention: " + Decl->Retention->Spelling,
                       PositionRecord(), NoteKind::Policy});
    Findings.push_back(std::move(F));
    return true;
  }

private:
  clang::ASTContext &Ctx;
  const Knowledge &K;
  TranslationUnitState &State;
  std::vector<Finding> &Findings;
};

} // namespace

void checkRetentionConstants(clang::ASTContext &Context, const Knowledge &K,
                             TranslationUnitState &State,
                             std::vector<Finding> &Findings) {
  RetentionVisitor(Context, K, State, Findings).TraverseAST(Context);
}

} // namespace policycheck
