//===--- Duration.cpp - Retention periods ---------------------------------===//
#include "policycheck/Duration.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

namespace policycheck {

namespace {
struct Unit {
  llvm::StringRef Suffix;
  uint64_t Seconds;
  llvm::StringRef Singular;
};
// Longest suffixes first so that `min` and `mo` are not read as `m...`.
constexpr uint64_t Day = 24 * 60 * 60;
const Unit Units[] = {
    {"min", 60, "minute"}, {"mo", 30 * Day, "month"}, {"h", 60 * 60, "hour"},
    {"d", Day, "day"},     {"w", 7 * Day, "week"},    {"y", 365 * Day, "year"},
};
} // namespace

std::optional<Duration> Duration::parse(llvm::StringRef Text) {
  Duration D;
  D.Spelling = Text.str();
  if (Text == "account") {
    D.DurationKind = Kind::WhileAccountExists;
    return D;
  }
  if (Text == "indefinite") {
    D.DurationKind = Kind::Indefinite;
    return D;
  }
  size_t DigitsEnd = Text.find_if_not([](char C) { return llvm::isDigit(C); });
  if (DigitsEnd == 0 || DigitsEnd == llvm::StringRef::npos || Text[0] == '0')
    return std::nullopt;
  uint64_t Count = 0;
  if (Text.take_front(DigitsEnd).getAsInteger(10, Count) || Count > 1000000)
    return std::nullopt;
  llvm::StringRef Suffix = Text.drop_front(DigitsEnd);
  for (const Unit &U : Units) {
    if (Suffix == U.Suffix) {
      D.Seconds = Count * U.Seconds;
      return D;
    }
  }
  return std::nullopt;
}

std::string Duration::describe() const {
  switch (DurationKind) {
  case Kind::WhileAccountExists:
    return "while the account exists";
  case Kind::Indefinite:
    return "indefinitely";
  case Kind::Finite:
    break;
  }
  llvm::StringRef Text = Spelling;
  size_t DigitsEnd = Text.find_if_not([](char C) { return llvm::isDigit(C); });
  llvm::StringRef Count = Text.take_front(DigitsEnd);
  for (const Unit &U : Units)
    if (Text.drop_front(DigitsEnd) == U.Suffix)
      return (llvm::Twine(Count) + " " + U.Singular + (Count == "1" ? "" : "s")).str();
  return Spelling;
}

std::string describeSeconds(uint64_t Seconds) {
  // Days read best for retention; years only when exact.
  const std::pair<uint64_t, const char *> Units[] = {
      {31536000, "year"}, {86400, "day"}, {3600, "hour"}, {60, "minute"},
      {1, "second"}};
  for (const auto &[Size, Name] : Units)
    if (Seconds >= Size && Seconds % Size == 0) {
      uint64_t N = Seconds / Size;
      return std::to_string(N) + " " + Name + (N == 1 ? "" : "s");
    }
  return std::to_string(Seconds) + " seconds";
}

} // namespace policycheck
