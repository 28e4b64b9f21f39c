// The visitor's analytics choice. The written policy: "PostHog receives
// anonymized usage events; you can disable it via your browser's
// Do-Not-Track / analytics opt-out." and "optional analytics cookies (you can
// decline these)". Analytics is on until one of the two says no.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <optional>
#include <string>

#include <httplib.h>

#include "services.h"

namespace mixlens::privacy {

bool analytics_allowed(const httplib::Request& req, const std::optional<User>& user) {
  // Do-Not-Track, and its successor Global Privacy Control.
  if (req.get_header_value("DNT") == "1") return false;
  if (req.get_header_value("Sec-GPC") == "1") return false;
  return !user || !user->analytics_opt_out;
}

bool analytics_allowed(const User& user) { return !user.analytics_opt_out; }

}  // namespace mixlens::privacy
