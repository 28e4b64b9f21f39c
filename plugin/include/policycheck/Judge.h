//===--- Judge.h - Holding flows to the policy ------------------*- C++ -*-===//
//
// Applies contract section 4 to one flow event: which checks fire, with the
// precedence (not-collected, then undeclared-category, then vendor-category,
// storage-protection or log-exposure by the sink's kind), one finding per
// sink and category, one undeclared-vendor finding per call.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_JUDGE_H
#define POLICYCHECK_JUDGE_H

#include "policycheck/Finding.h"
#include "policycheck/FlowEvent.h"
#include "policycheck/HostDirectory.h"
#include "policycheck/Policy.h"

#include "llvm/ADT/STLExtras.h"

#include <vector>

namespace policycheck {

class Judge {
public:
  Judge(const Policy &P, HostDirectorySource Hosts) : P(P), Hosts(Hosts) {}

  std::vector<Finding> judge(const FlowEvent &Event) const;

  /// The words for where data goes: `'posthog' (PostHog)`, `a log
  /// (spdlog::info)`; and the short id tests and data maps use.
  std::string describeDestination(const Destination &D) const;
  std::string destinationId(const Destination &D) const;

  /// The `consent` entries a vendor call or a cookie set needs: those
  /// whose `vendors` name the vendor it reaches or whose `cookies` match
  /// the cookie's name.
  std::vector<const ConsentRule *> consentRulesFor(const Destination &D) const;
  /// The finding for a vendor call or cookie set some path reaches without
  /// \p Rule's check; \p Unguarded, the calls of that path down to it.
  Finding consentFinding(const FlowEvent &Event, const ConsentRule &Rule,
                         std::vector<FlowStep> Unguarded,
                         const std::string &EntryName) const;

private:
  /// Who a request or SDK call reaches: a declared vendor, the service
  /// itself, or a third party (named when the directory knows it).
  struct Resolved {
    const Vendor *PolicyVendor = nullptr;
    bool FirstParty = false;
    const KnownVendor *Known = nullptr;
  };
  Resolved resolve(const Destination &D) const;
  /// A cookie set: its name against `cookies`, its attributes against its
  /// entry's.
  void judgeCookie(const FlowEvent &Event,
                   llvm::function_ref<Finding(CheckKind, const DataFact *, std::string)> Make,
                   std::vector<Finding> &Findings) const;

  const Policy &P;
  HostDirectorySource Hosts;
};

} // namespace policycheck

#endif
