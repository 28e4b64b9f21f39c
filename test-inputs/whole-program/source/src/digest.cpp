// The weekly digest job: reads values through repo.h's functions and sends or
// logs them under names that say nothing (v, w). What the values are is known
// only from the bodies in repo.cpp (an SQL column) and settings.cpp (a
// constant), so every finding and near miss below depends on another file.
#include "repo.h"

#include <iostream>

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace tb::digest {

void run_for(long id) {
  auto v = repo::lookup_contact(id);
  spdlog::info("digest for account {} goes to {}", id, v);  // expect: privacy-log-exposure user.contact.email log
  if (v.empty()) {
    std::cerr << "digest: nothing on file for " << v << '\n';  // expect: privacy-log-exposure user.contact.email log
    return;
  }

  auto w = repo::label_for(id);
  nlohmann::json capture = {{"event", "digest_sent"}, {"distinct_id", id}, {"properties", {{"v", v}, {"w", w}}}};
  httplib::Client posthog("https://eu.i.posthog.com");
  posthog.Post("/capture/", capture.dump(), "application/json");  // expect: privacy-vendor-category user.contact.email posthog; privacy-vendor-category user.name posthog

  // Mailgun receives the email and the name.
  httplib::Client mailgun("https://api.mailgun.net");
  httplib::Params form{{"to", v}, {"subject", "Your week, " + w}, {"text", "..."}};
  mailgun.Post("/v3/mg.tallybird.app/messages", form);  // expect-none

  // Known only by the SQL column the callee selects (ip_address).
  const auto where = repo::last_seen_from(id);
  spdlog::warn("digest: account {} last seen from {}", id, where);  // expect: privacy-log-exposure user.device.ip_address log

  // Near misses: names that sound personal, constants inside.
  spdlog::info("digest sent from {}", repo::owner_email());  // expect-none
  auto who = repo::default_user_name();
  spdlog::info("unnamed accounts are shown as {}", who);  // expect-none
  nlohmann::json footer = {{"event", "digest_footer"}, {"distinct_id", id}, {"properties", {{"sender", repo::owner_email()}, {"fallback", who}}}};
  posthog.Post("/capture/", footer.dump(), "application/json");  // expect-none
}

}  // namespace tb::digest
