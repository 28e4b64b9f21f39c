//===--- HostDirectory.h - Well-known third-party hosts ---------*- C++ -*-===//
//
// The built-in directory of third-party hosts (policy-schema/vendor-hosts.yaml)
// so that a call to a host the policy does not declare names the company:
// "Segment (api.segment.io)", not just a host.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_HOSTDIRECTORY_H
#define POLICYCHECK_HOSTDIRECTORY_H

#include "policycheck/HostPattern.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace policycheck {

struct KnownVendor {
  std::string Id;   // e.g. `segment`
  std::string Name; // e.g. `Segment`
  std::string Kind; // e.g. `analytics`
  std::vector<HostPattern> Hosts;
};

class HostDirectory {
public:
  static const HostDirectory &builtin();
  static llvm::Expected<HostDirectory> parse(llvm::StringRef Text,
                                             llvm::StringRef FileName);

  /// The company whose most specific pattern matches \p Host, or null.
  const KnownVendor *lookupHost(llvm::StringRef Host) const;
  const KnownVendor *find(llvm::StringRef Id) const;
  const std::vector<KnownVendor> &vendors() const { return Vendors; }

private:
  std::vector<KnownVendor> Vendors;
};

/// Where an analysis gets the host directory from (HostDirectory::builtin,
/// parsed on first use).
using HostDirectorySource = const HostDirectory &(*)();

} // namespace policycheck

#endif
