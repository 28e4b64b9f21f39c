// Calls into config.cpp and email_tools.cpp with personal data and then logs
// or sends what comes back. Every value that reaches a sink here is a
// constant, a length or a flag: nothing may be reported. A tool that guesses
// that an unseen function's result carries its arguments (or its object's
// members) reports these lines; the whole program's summaries show it does not.
#include "config.h"
#include "email_tools.h"
#include "user.h"

#include <iostream>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace tb {

void report(const User& user) {
  Config cfg;
  cfg.setName(user.name);  // expect-none
  cfg.setOwnerEmail(user.email);  // expect-none
  spdlog::info("region={} tier={}", cfg.get("region"), cfg.get("tier"));  // expect-none
  spdlog::info("config {}", cfg.describe());  // expect-none
  spdlog::info("named: {}", cfg.hasName());  // expect-none

  const auto n = email_tools::email_length(user.email);
  const auto ok = email_tools::looks_valid(user.email);
  const auto kind = email_tools::email_kind(user.email);
  spdlog::info("address: {} chars, valid={}, {}", n, ok, kind);  // expect-none
  std::cerr << "shown as " << email_tools::redact(user.email) << '\n';  // expect-none

  const nlohmann::json event = {{"event", "address_checked"}, {"distinct_id", user.id}, {"properties", {{"kind", kind}, {"valid", ok}, {"bucket", email_tools::bucket_for(user)}, {"region", cfg.get("region")}}}};
  httplib::Client posthog("https://us.i.posthog.com");
  posthog.Post("/capture/", event.dump(), "application/json");  // expect-none
}

}  // namespace tb

int main() {
  tb::User user{7, "ada@example.org", "Ada", "203.0.113.9"};
  tb::report(user);
  return 0;
}
