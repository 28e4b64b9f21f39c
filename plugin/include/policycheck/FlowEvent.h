//===--- FlowEvent.h - Data reaching a destination --------------*- C++ -*-===//
//
// The analysis turns code into flow events: at this call, these categories
// reach this destination. The judge holds each event to the policy; the data
// map lists them all.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_FLOWEVENT_H
#define POLICYCHECK_FLOWEVENT_H

#include "policycheck/Taint.h"

#include "clang/Basic/SourceLocation.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policycheck {

enum class DestinationKind {
  Http,       // a request to a resolved host
  Sdk,        // a vendor's SDK function
  Storage,    // the service's own database, cache or files
  Log,        // a log
  Unresolved, // a request whose host is known only at run time
  Cookie,     // a cookie set on the user's browser or in a jar
};

struct Destination {
  DestinationKind Kind = DestinationKind::Unresolved;
  std::string Host;     // Http: the host
  std::string VendorId; // Sdk (or a code model's vendor)
  std::string Via;      // the library call, e.g. `spdlog::info`
  /// Storage and Cookie: how long it keeps what is stored, when the call says (a Redis
  /// time-to-live, an expiry argument).
  std::optional<uint64_t> ExpiresAfterMillis;
  /// Cookie: the Set-Cookie header's text as far as it is known
  /// (`session={?}; Secure`); empty when it is known only at run time.
  std::string Cookie;
};

/// Where the flow crossed from one function into another, for notes.
struct FlowStep {
  clang::SourceLocation Location;
  std::string Message;
  PositionRecord Elsewhere; // when Location is in another translation unit
};

struct FlowEvent {
  clang::SourceLocation Location; // the sink call (or the call that knows both)
  Destination Target;
  std::vector<DataFact> Facts;
  std::vector<FlowStep> Path;
  /// A request built up over several calls (libcurl) is one call to its
  /// host, reported where its URL is set, while each part that carries data
  /// is judged where it is handed over.
  bool ReportVendor = true;
  bool ReportCategories = true;
};

} // namespace policycheck

#endif
