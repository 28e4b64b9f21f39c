//===--- Duration.h - Retention periods -------------------------*- C++ -*-===//
//
// A retention period as a policy writes it: `60min`, `24h`, `30d`, `2w`,
// `18mo`, `5y`, or one of the words `account` (while the account exists) and
// `indefinite`. Months and years are counted as 30 and 365 days, the reading a
// privacy reviewer would use when comparing a code constant with the text.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_DURATION_H
#define POLICYCHECK_DURATION_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace policycheck {

struct Duration {
  enum class Kind { Finite, WhileAccountExists, Indefinite };
  Kind DurationKind = Kind::Finite;
  /// Length in seconds; meaningful for Kind::Finite only.
  uint64_t Seconds = 0;
  /// The text as the policy wrote it, for messages.
  std::string Spelling;

  bool isFinite() const { return DurationKind == Kind::Finite; }
  /// Parses a policy duration; std::nullopt when \p Text is not one.
  static std::optional<Duration> parse(llvm::StringRef Text);
  /// A short human form ("30 days", "while the account exists").
  std::string describe() const;
};

/// A length in seconds as a reviewer reads it: `24 hours`, `30 days`, in the
/// largest unit that divides it.
std::string describeSeconds(uint64_t Seconds);

} // namespace policycheck

#endif
