//===--- Analysis.cpp - The analysis core's entry point -------------------===//
#include "policycheck/Analysis.h"

#include "extract/ConsentCheck.h"
#include "extract/FunctionAnalyzer.h"
#include "extract/ProjectCodeVisitor.h"
#include "extract/RetentionCheck.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/Judge.h"
#include "policycheck/Suppression.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Index/USRGeneration.h"

#include <algorithm>
#include <memory>
#include <set>
#include <tuple>

namespace policycheck {

Knowledge::Knowledge(std::shared_ptr<const Policy> P)
    : ThePolicy(std::move(P)), Names(Classifier::builtin().withPolicy(*ThePolicy)),
      Models(LibraryModels::builtin()) {}

const FunctionSummary &
TranslationUnitState::summaryOf(const clang::FunctionDecl *FD) {
  FunctionSummary &S = Summaries[FD];
  if (S.Done || S.InProgress)
    return S; // recursion: what is known so far
  S.InProgress = true;
  S.Name = qualifiedName(*FD);
  FunctionSummary Fresh;
  Fresh.Name = S.Name;
  analyzeFunction(*this, FD, Fresh);
  Fresh.Done = true;
  Summaries[FD] = std::move(Fresh);
  return Summaries[FD];
}

const std::string &TranslationUnitState::usrOf(const clang::Decl *D) {
  D = D->getCanonicalDecl();
  auto It = USRs.find(D);
  if (It != USRs.end())
    return It->second;
  llvm::SmallString<128> Buffer;
  std::string USR;
  if (!clang::index::generateUSRForDecl(D, Buffer))
    USR = std::string(Buffer);
  return USRs.emplace(D, std::move(USR)).first->second;
}

bool TranslationUnitState::isCalled(const clang::CXXMethodDecl *Method) {
  std::vector<const clang::CXXMethodDecl *> Todo{Method};
  std::set<const clang::CXXMethodDecl *> Seen;
  while (!Todo.empty()) {
    const clang::CXXMethodDecl *M = Todo.back()->getCanonicalDecl();
    Todo.pop_back();
    if (!Seen.insert(M).second)
      continue;
    const std::string &USR = usrOf(M);
    if (!USR.empty()) {
      if (Called.count(USR))
        return true;
      if (Linked) {
        LookedUp.insert("c:" + USR);
        if (Linked->called(USR))
          return true;
      }
    }
    Todo.insert(Todo.end(), M->begin_overridden_methods(), M->end_overridden_methods());
  }
  return false;
}

/// The class that declares the first field of \p Path: \p Class or one of
/// its bases, so that a base's field written through a derived class and
/// read in the base's method is one field.
static const clang::CXXRecordDecl *fieldOwner(const clang::CXXRecordDecl *Class,
                                              llvm::StringRef Path) {
  llvm::StringRef First = Path.drop_front().split('.').first.split('[').first;
  std::vector<const clang::CXXRecordDecl *> Todo{Class};
  std::set<const clang::CXXRecordDecl *> Seen;
  while (!Todo.empty()) {
    const clang::CXXRecordDecl *C = Todo.back();
    Todo.pop_back();
    if (!C || !(C = C->getDefinition()) || !Seen.insert(C).second)
      continue;
    for (const clang::FieldDecl *F : C->fields())
      if (F->getName() == First)
        return C;
    for (const clang::CXXBaseSpecifier &B : C->bases())
      Todo.push_back(B.getType()->getAsCXXRecordDecl());
  }
  return Class;
}

std::string TranslationUnitState::fieldKey(const clang::CXXRecordDecl *Class,
                                           llvm::StringRef Path) {
  if (Class && Path.startswith("."))
    Class = fieldOwner(Class, Path);
  const std::string &USR = Class ? usrOf(Class) : std::string();
  return USR.empty() ? std::string() : USR + Path.str();
}

FieldWrites TranslationUnitState::fieldWrites(const std::string &Key) {
  FieldWrites Out;
  if (Key.empty())
    return Out;
  FieldsRead.insert(Key);
  if (Linked) {
    LookedUp.insert("d:" + Key);
    if (const FieldWrites *W = Linked->field(Key))
      Out.merge(*W);
  }
  if (EarlierPass)
    if (auto It = EarlierPass->find(Key); It != EarlierPass->end())
      Out.merge(It->second);
  return Out;
}

void TranslationUnitState::recordFieldWrite(const std::string &Key, const Taint &Written,
                                            const std::optional<std::string> &Text,
                                            bool TextAtRunTime) {
  if (Key.empty() || (Written.facts().empty() && !Text && !TextAtRunTime))
    return;
  FieldsWritten[Key].add(Written, Text, TextAtRunTime);
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
  // Vendored code is followed (its findings are not reported); system
  // libraries are known by their models.
  return !isSystemCode(Context.getSourceManager(), FD->getLocation());
}

namespace {

class FunctionCollector : public ProjectCodeVisitor<FunctionCollector> {
public:
  using ProjectCodeVisitor::ProjectCodeVisitor;
  std::vector<const clang::FunctionDecl *> Functions;
  /// Every function a call of the project's code runs.
  std::set<const clang::FunctionDecl *> Callees;

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCallExpr(clang::CallExpr *E) {
    if (const clang::FunctionDecl *Callee = E->getDirectCallee())
      Callees.insert(Callee);
    return true;
  }
  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (FD->doesThisDeclarationHaveABody())
      if (const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
          !Method || !Method->getParent()->isLambda())
        Functions.push_back(FD);
    return true;
  }
};

} // namespace

/// A taint whose facts carry their places as text, for other translation
/// units.
static Taint portable(const Taint &T, const clang::SourceManager &SM) {
  Taint Out;
  for (DataFact F : T.facts()) {
    if (F.Origin.isValid())
      F.OriginElsewhere = absolutePositionOf(SM, F.Origin);
    F.Origin = clang::SourceLocation();
    Out.add(std::move(F));
  }
  for (const ParamUse &P : T.params())
    Out.addParam(P);
  return Out;
}

/// The summaries of the functions this translation unit defines and the
/// overriders it knows, by USR, for the rest of the program.
static ProgramSummaries exportSummaries(TranslationUnitState &State) {
  const clang::SourceManager &SM = State.Context.getSourceManager();
  ProgramSummaries Out;
  for (const auto &[FD, S] : State.Summaries) {
    if (!S.Done || !State.isAnalyzable(FD))
      continue;
    const std::string &USR = State.usrOf(FD);
    if (USR.empty())
      continue;
    FunctionSummary Copy;
    Copy.Name = S.Name;
    for (const SinkSummary &Sink : S.Sinks) {
      SinkSummary C = Sink;
      C.Data = portable(Sink.Data, SM);
      if (Sink.InnerLocation.isValid())
        C.InnerElsewhere = absolutePositionOf(SM, Sink.InnerLocation);
      C.InnerLocation = clang::SourceLocation();
      Copy.Sinks.push_back(std::move(C));
    }
    for (const ReceiverWrite &W : S.ReceiverWrites)
      Copy.ReceiverWrites.push_back({W.Field, portable(W.Data, SM), W.Text, W.TextParam});
    for (const ParamWrite &W : S.ParamWrites)
      Copy.ParamWrites.push_back({W.Index, W.Field, portable(W.Data, SM)});
    Copy.Returns = portable(S.Returns, SM);
    Copy.ReturnText = S.ReturnText;
    Copy.ReturnTextParam = S.ReturnTextParam;
    Copy.ReturnTextField = S.ReturnTextField;
    Copy.Done = true;
    Out.Functions.emplace(USR, std::move(Copy));
  }
  for (const auto &[Base, Impls] : State.Overriders) {
    const std::string &BaseUSR = State.usrOf(Base);
    if (BaseUSR.empty())
      continue;
    std::vector<std::string> &List = Out.Overriders[BaseUSR];
    for (const clang::CXXMethodDecl *Impl : Impls)
      if (const std::string &ImplUSR = State.usrOf(Impl);
          !ImplUSR.empty() && !llvm::is_contained(List, ImplUSR))
        List.push_back(ImplUSR);
    llvm::sort(List);
  }
  for (const auto &[Key, W] : State.FieldsWritten) {
    FieldWrites &Copy = Out.Fields[Key];
    Copy.add(portable(W.Data, SM), std::nullopt, W.RunTimeText);
    for (const std::string &T : W.Texts)
      Copy.add(Taint(), T, false);
  }
  Out.Called = State.Called;
  for (const auto &[Callee, Calls] : State.CallsTo) {
    std::vector<CallSite> &Sites = Out.Callers[Callee];
    for (const TranslationUnitState::LocalCall &C : Calls) {
      CallSite Site{State.usrOf(C.Caller), qualifiedName(*C.Caller),
                    std::vector<std::string>(C.Guards.begin(), C.Guards.end()),
                    absolutePositionOf(SM, C.Location)};
      if (!Site.Caller.empty() && !llvm::is_contained(Sites, Site))
        Sites.push_back(std::move(Site));
    }
    llvm::sort(Sites);
  }
  return Out;
}

/// Whether a second pass over the translation unit would read fields
/// differently: the first read a field that a function analysed after the
/// reader wrote into.
static bool readsItsOwnFieldWrites(const TranslationUnitState &State) {
  for (const std::string &Key : State.FieldsRead) {
    auto Own = State.FieldsWritten.find(Key);
    if (Own == State.FieldsWritten.end())
      continue;
    const FieldWrites *Linked = State.Linked ? State.Linked->field(Key) : nullptr;
    if ((Linked ? *Linked : FieldWrites()).wouldChange(Own->second))
      return true;
  }
  return false;
}

/// The qualified name of the innermost function whose body holds \p Loc
/// (a lambda's is its enclosing function's), or empty.
static std::string enclosingFunction(const clang::SourceManager &SM,
                                     const std::vector<const clang::FunctionDecl *> &Functions,
                                     clang::SourceLocation Loc) {
  Loc = SM.getExpansionLoc(Loc);
  const clang::FunctionDecl *Best = nullptr;
  unsigned BestSize = ~0u;
  for (const clang::FunctionDecl *FD : Functions) {
    clang::SourceLocation Begin = SM.getExpansionLoc(FD->getBeginLoc());
    clang::SourceLocation End = SM.getExpansionLoc(FD->getEndLoc());
    if (Begin.isInvalid() || End.isInvalid() || SM.getFileID(Begin) != SM.getFileID(Loc) ||
        SM.isBeforeInTranslationUnit(Loc, Begin) || SM.isBeforeInTranslationUnit(End, Loc))
      continue;
    unsigned Size = SM.getFileOffset(End) - SM.getFileOffset(Begin);
    if (Size < BestSize) {
      Best = FD;
      BestSize = Size;
    }
  }
  return Best ? qualifiedName(*Best) : std::string();
}

/// Analyses every function of the translation unit into \p State.
static void analyzeFunctions(TranslationUnitState &State,
                             const FunctionCollector &Collector) {
  for (const clang::FunctionDecl *Callee : Collector.Callees)
    if (const std::string &USR = State.usrOf(Callee); !USR.empty())
      State.Called.insert(USR);
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
}

AnalysisResult analyzeTranslationUnit(clang::ASTContext &Context,
                                      const Knowledge &K,
                                      const ProgramSummaries *Linked) {
  FunctionCollector Collector(Context.getSourceManager());
  Collector.TraverseAST(Context);
  auto First = std::make_unique<TranslationUnitState>(Context, K);
  First->Linked = Linked;
  analyzeFunctions(*First, Collector);
  std::unique_ptr<TranslationUnitState> Second;
  if (readsItsOwnFieldWrites(*First)) {
    // A field was read before the function that writes into it was
    // analysed: once more, with what the first pass wrote.
    Second = std::make_unique<TranslationUnitState>(Context, K);
    Second->Linked = Linked;
    Second->EarlierPass = &First->FieldsWritten;
    analyzeFunctions(*Second, Collector);
  }
  TranslationUnitState &State = Second ? *Second : *First;

  AnalysisResult Result;
  Judge J(*K.ThePolicy, K.Hosts);
  const clang::SourceManager &SM = Context.getSourceManager();
  std::vector<Finding> All;
  for (const FlowEvent &Event : State.Events)
    for (Finding &F : J.judge(Event))
      All.push_back(std::move(F));
  checkRetentionConstants(Context, K, State, All);
  checkConsent(State, J, All);

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
    F.Function = enclosingFunction(SM, Collector.Functions, F.Location);
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
  for (ConsentCheckCall &C : State.ConsentCheckCalls)
    if (!isOutsideProjectCode(SM, C.Location)) {
      C.Function = enclosingFunction(SM, Collector.Functions, C.Location);
      Result.ConsentChecks.push_back(std::move(C));
    }
  Result.Errors = std::move(State.Errors);
  Result.Exported = exportSummaries(State);
  Result.LookedUp = std::move(State.LookedUp);
  if (Second)
    Result.LookedUp.insert(First->LookedUp.begin(), First->LookedUp.end());
  return Result;
}

} // namespace policycheck
