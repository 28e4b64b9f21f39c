//===--- HostPattern.h - Host names and host patterns -----------*- C++ -*-===//
//
// A policy names hosts as an exact host (`api.posthog.com`) or as `*.` followed
// by a domain (`*.posthog.com`), which matches every sub-domain of the domain
// but not the domain itself. Host names compare case-insensitively.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_HOSTPATTERN_H
#define POLICYCHECK_HOSTPATTERN_H

#include "policycheck/PolicyLocation.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace policycheck {

/// True for a DNS host name of at least two labels (`api.example.com`): labels
/// of letters, digits and inner hyphens. No scheme, port, path or wildcard.
bool isValidHostName(llvm::StringRef Host);

/// True for loopback destinations, which are never vendors: `localhost`, its
/// sub-domains, 127.0.0.0/8 and [::1].
bool isLoopbackHost(llvm::StringRef Host);

/// Lower-cases a host and drops a trailing dot (`API.Stripe.com.`).
std::string normalizeHost(llvm::StringRef Host);

class HostPattern {
public:
  /// Parses a pattern as a policy writes it; std::nullopt when it is neither an
  /// exact host name nor `*.` followed by one.
  static std::optional<HostPattern> parse(llvm::StringRef Text);

  bool matches(llvm::StringRef Host) const;
  bool isWildcard() const { return Wildcard; }
  /// How specific the pattern is, for choosing between overlapping patterns:
  /// an exact host beats any wildcard; a longer domain beats a shorter one.
  unsigned specificity() const;
  /// The pattern as written (normalized to lower case).
  const std::string &text() const { return Text; }
  /// Where the policy wrote the pattern; invalid for built-in data.
  const PolicyLocation &location() const { return Location; }
  void setLocation(PolicyLocation Loc) { Location = std::move(Loc); }

private:
  std::string Text;   // e.g. "*.posthog.com"
  std::string Domain; // e.g. "posthog.com"
  bool Wildcard = false;
  PolicyLocation Location;
};

} // namespace policycheck

#endif
