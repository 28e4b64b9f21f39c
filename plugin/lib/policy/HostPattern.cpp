//===--- HostPattern.cpp - Host names and host patterns -------------------===//
#include "policycheck/HostPattern.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

static bool isValidLabel(llvm::StringRef Label) {
  if (Label.empty() || Label.size() > 63)
    return false;
  if (Label.front() == '-' || Label.back() == '-')
    return false;
  return llvm::all_of(Label, [](char C) { return llvm::isAlnum(C) || C == '-'; });
}

bool isValidHostName(llvm::StringRef Host) {
  if (Host.size() > 253)
    return false;
  llvm::SmallVector<llvm::StringRef, 8> Labels;
  Host.split(Labels, '.', /*MaxSplit=*/-1, /*KeepEmpty=*/true);
  if (Labels.size() < 2)
    return false;
  return llvm::all_of(Labels, isValidLabel);
}

bool isLoopbackHost(llvm::StringRef RawHost) {
  std::string Host = normalizeHost(RawHost);
  llvm::StringRef H = Host;
  if (H == "localhost" || H.endswith(".localhost"))
    return true;
  if (H == "::1" || H == "[::1]")
    return true;
  return H.startswith("127.") &&
         llvm::all_of(H, [](char C) { return llvm::isDigit(C) || C == '.'; });
}

std::string normalizeHost(llvm::StringRef Host) {
  if (Host.endswith("."))
    Host = Host.drop_back();
  return Host.lower();
}

std::optional<HostPattern> HostPattern::parse(llvm::StringRef Text) {
  HostPattern P;
  llvm::StringRef Domain = Text;
  if (Domain.consume_front("*."))
    P.Wildcard = true;
  if (!isValidHostName(Domain))
    return std::nullopt;
  P.Domain = Domain.lower();
  P.Text = (P.Wildcard ? "*." : "") + P.Domain;
  return P;
}

bool HostPattern::matches(llvm::StringRef RawHost) const {
  std::string Host = normalizeHost(RawHost);
  if (!Wildcard)
    return Host == Domain;
  llvm::StringRef H = Host;
  return H.size() > Domain.size() + 1 && H.endswith(Domain) &&
         H[H.size() - Domain.size() - 1] == '.';
}

unsigned HostPattern::specificity() const {
  // Exact hosts rank above every wildcard; within each group longer is nearer.
  return (Wildcard ? 0u : 1000u) + static_cast<unsigned>(Domain.size());
}

} // namespace policycheck
