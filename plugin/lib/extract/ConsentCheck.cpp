//===--- ConsentCheck.cpp - Vendor calls reached without consent ----------===//
#include "extract/ConsentCheck.h"

#include "policycheck/CodeFacts.h"
#include "policycheck/PositionRecord.h"

#include "clang/AST/DeclCXX.h"

#include <map>
#include <set>

namespace policycheck {

namespace {

/// A way into a function: a call, here or in another translation unit.
struct WayIn {
  std::string Caller; // USR
  std::string CallerName;
  bool Guarded = false;
  clang::SourceLocation Location; // a call of this translation unit
  PositionRecord Elsewhere;       // or of another
};

class UnguardedPaths {
public:
  UnguardedPaths(TranslationUnitState &State) : State(State) {
    for (const auto &[FD, Summary] : State.Summaries)
      if (const std::string &USR = State.usrOf(FD); !USR.empty())
        Local.emplace(USR, FD);
  }

  /// Whether some way into the function \p USR does not pass \p Check;
  /// \p Path gets the calls of one such way, outermost first, and
  /// \p Entry the function it starts in.
  bool find(const std::string &USR, const std::string &Name, const std::string &Check,
            std::vector<FlowStep> &Path, std::string &Entry) {
    if (!Visiting.insert(USR).second)
      return false; // recursion adds no way in
    std::vector<WayIn> Ways = waysInto(USR, Check);
    bool Found = false;
    if (Ways.empty()) {
      Entry = Name;
      Found = true;
    }
    for (const WayIn &W : Ways) {
      if (Found)
        break;
      if (W.Guarded)
        continue;
      std::vector<FlowStep> Above;
      if (!find(W.Caller, W.CallerName, Check, Above, Entry))
        continue;
      Path = std::move(Above);
      Path.push_back({W.Location,
                      "'" + W.CallerName + "' calls '" + Name + "' here, without " +
                          "finding '" + Check + "' true first",
                      W.Elsewhere});
      Found = true;
    }
    Visiting.erase(USR);
    return Found;
  }

private:
  TranslationUnitState &State;
  std::map<std::string, const clang::FunctionDecl *> Local;
  std::set<std::string> Visiting;

  std::vector<WayIn> waysInto(const std::string &USR, const std::string &Check) {
    std::vector<std::string> Targets{USR};
    // A method is also run through the methods it overrides.
    if (auto It = Local.find(USR); It != Local.end())
      if (const auto *M = llvm::dyn_cast<clang::CXXMethodDecl>(It->second))
        for (const clang::CXXMethodDecl *Base : M->overridden_methods())
          if (const std::string &B = State.usrOf(Base); !B.empty())
            Targets.push_back(B);
    std::vector<WayIn> Ways;
    std::set<PositionRecord> Seen;
    const clang::SourceManager &SM = State.Context.getSourceManager();
    for (const std::string &Target : Targets) {
      if (auto It = State.CallsTo.find(Target); It != State.CallsTo.end())
        for (const TranslationUnitState::LocalCall &C : It->second) {
          PositionRecord At = absolutePositionOf(SM, C.Location);
          if (!Seen.insert(At).second)
            continue;
          Ways.push_back({State.usrOf(C.Caller), qualifiedName(*C.Caller),
                          C.Guards.count(Check) > 0, C.Location, PositionRecord()});
        }
      if (!State.Linked)
        continue;
      State.LookedUp.insert("k:" + Target);
      if (const std::vector<CallSite> *Sites = State.Linked->callers(Target))
        for (const CallSite &C : *Sites) {
          if (!Seen.insert(C.At).second)
            continue; // this translation unit's own call, exported before
          Ways.push_back({C.Caller, C.CallerName, llvm::is_contained(C.Guards, Check),
                          clang::SourceLocation(), C.At});
        }
    }
    return Ways;
  }
};

} // namespace

void checkConsent(TranslationUnitState &State, const Judge &J,
                  std::vector<Finding> &Findings) {
  if (State.ConsentUses.empty())
    return;
  UnguardedPaths Paths(State);
  for (const TranslationUnitState::ConsentUse &U : State.ConsentUses) {
    std::vector<FlowStep> Path;
    std::string Entry;
    if (!Paths.find(State.usrOf(U.Function), qualifiedName(*U.Function), U.Rule->Check,
                    Path, Entry))
      continue;
    Findings.push_back(J.consentFinding(U.Event, *U.Rule, std::move(Path), Entry));
  }
}

} // namespace policycheck
