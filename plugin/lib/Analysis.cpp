//===--- Analysis.cpp - The analysis core's entry point -------------------===//
#include "policycheck/Analysis.h"

#include "extract/FunctionAnalyzer.h"
#include "extract/ProjectCodeVisitor.h"
#include "extract/RetentionCheck.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/Judge.h"
#include "policycheck/Suppression.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace policycheck {

Knowledge::Knowledge(std::shared_ptr<const Policy> P)
    : ThePolicy(std::move(P)), Names(Classifier::builtin().withPolicy(*ThePolicy)),
      Models(LibraryModels::builtin()), Hosts(HostDirectory::builtin()) {}

const FunctionSummary &
TranslationUnitState::summaryOf(const clang::FunctionDecl *FD) {
  FunctionSummary &S = Summaries[FD];
  if (S.Done || S.InProgress)
    return S; // recursion: what is known so far
  S.InProgress = true;
  FunctionSummary Fresh;
  analyzeFunction(*this, FD, Fresh);
  Fresh.Done = true;
  Summaries[FD] = std::move(Fresh);
  return Summaries[FD];
}

const DeclAnnotations &TranslationUnitState::annotationsOf(const clang::Decl *D) {
  D = D->getCanonicalDecl();
  auto It = Annotations.find(D);
  if (It != Annotations.end())
    return It->second;
  DeclAnnotations Read = readAnnotations(D, *K.ThePolicy);
  for (const auto &[Loc, Message] : Read.Errors)
    Errors.push_back({Loc, Message});
  return Annotations.emplace(D, std::move(Read)).first->second;
}

bool TranslationUnitState::isAnalyzable(const clang::FunctionDecl *FD) const {
  if (!FD || !FD->hasBody() || FD->isDependentContext())
    return false;
  if (FD->isDefaulted() || FD->isImplicit())
    return false;
  return !isOutsideProjectCode(Context.getSourceManager(), FD->getLocation());
}

namespace {

class FunctionCollector : public ProjectCodeVisitor<FunctionCollector> {
public:
  using ProjectCodeVisitor::ProjectCodeVisitor;
  std::vector<const clang::FunctionDecl *> Functions;

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody())
      if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
          !Method || !Method->getParent()->isLambda())
        Functions.push_back(FD);
    return true;
  }
};

} // namespace

AnalysisResult analyzeTranslationUnit(clang::ASTContext &Context,
                                      const Knowledge &K) {
  TranslationUnitState State(Context, K);
  FunctionCollector Collector(Context.getSourceManager());
  Collector.TraverseAST(Context);
  for (const clang::FunctionDecl *FD : Collector.Functions)
    if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
        Method && Method->isVirtual() && State.isAnalyzable(Method)) {
      // Every method it overrides, however far up.
      std::vector<const clang::CXXMethodDecl *> Up(Method->begin_overridden_methods(),
                                                   Method->end_overridden_methods());
      std::set<const clang::CXXMethodDecl *> Seen;
      while (!Up.empty()) {
        const clang::CXXMethodDecl *Base = Up.back()->getCanonicalDecl();
        Up.pop_back();
        if (!Seen.insert(Base).second)
          continue;
        State.Overriders[Base].push_back(Method);
        Up.insert(Up.end(), Base->begin_overridden_methods(),
                  Base->end_overridden_methods());
      }
    }
  // Constructors first: the fields they set are what methods read.
  for (const clang::FunctionDecl *FD : Collector.Functions)
    if (llvm::isa<clang::CXXConstructorDecl>(FD) && State.isAnalyzable(FD))
      State.summaryOf(FD);
  for (const clang::FunctionDecl *FD : Collector.Functions)
    if (State.isAnalyzable(FD))
      State.summaryOf(FD);

  AnalysisResult Result;
  Judge J(*K.ThePolicy, K.Hosts);
  const clang::SourceManager &SM = Context.getSourceManager();
  std::vector<Finding> All;
  for (const FlowEvent &Event : State.Events)
    for (Finding &F : J.judge(Event))
      All.push_back(std::move(F));
  checkRetentionConstants(Context, K, State, All);

  // Location filtering, NOLINT, duplicates, order: in one place.
  std::set<std::tuple<unsigned, int, std::string>> Seen;
  for (Finding &F : All) {
    if (isOutsideProjectCode(SM, F.Location))
      continue;
    llvm::StringRef CheckName = checkInfo(F.Check).Name;
    if (isSuppressed(SM, F.Location, CheckName))
      continue;
    unsigned Raw = SM.getExpansionLoc(F.Location).getRawEncoding();
    if (!Seen.insert({Raw, static_cast<int>(F.Check), F.Category}).second)
      continue;
    Result.Findings.push_back(std::move(F));
  }
  std::stable_sort(Result.Findings.begin(), Result.Findings.end(),
                   [&](const Finding &A, const Finding &B) {
                     clang::SourceLocation LA = SM.getExpansionLoc(A.Location);
                     clang::SourceLocation LB = SM.getExpansionLoc(B.Location);
                     if (LA != LB)
                       return SM.isBeforeInTranslationUnit(LA, LB);
                     return std::tie(A.Check, A.Category) <
                            std::tie(B.Check, B.Category);
                   });
  for (FlowEvent &Event : State.Events)
    if (!isOutsideProjectCode(SM, Event.Location))
      Result.Flows.push_back(std::move(Event));
  Result.Errors = std::move(State.Errors);
  return Result;
}

} // namespace policycheck
