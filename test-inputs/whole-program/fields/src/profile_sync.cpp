// Configures Uploader objects with a vendor and user data, then sends them.
// The caller is the innermost function that knows both: the finding is at
// its send() call (the call through which the data reaches the HTTP sink),
// not at the setters and not inside Uploader::send.
#include "uploader.h"
#include "user.h"

#include <nlohmann/json.hpp>

namespace tb::profile_sync {

void push_profile(const User& user) {
  Uploader posthog;
  posthog.setBaseUrl("https://us.i.posthog.com");
  posthog.setPath("/capture/");
  posthog.setPayload(nlohmann::json{{"event", "$identify"}, {"distinct_id", user.id}, {"$set", {{"email", user.email}, {"name", user.name}}}}.dump());
  posthog.send();  // expect: privacy-vendor-category user.contact.email posthog; privacy-vendor-category user.name posthog

  Uploader segment;
  segment.setBaseUrl("https://api.segment.io");
  segment.setPath("/v1/identify");
  segment.setPayload(nlohmann::json{{"userId", user.id}, {"traits", {{"email", user.email}}}}.dump());
  segment.send();  // expect: privacy-undeclared-vendor - segment

  // Only declared data: the account id and an event name.
  Uploader ping;
  ping.setBaseUrl("https://us.i.posthog.com");
  ping.setPath("/capture/");
  ping.setPayload(nlohmann::json{{"event", "profile_synced"}, {"distinct_id", user.id}}.dump());
  ping.send();  // expect-none

  // Mailgun receives the email and the name; this one also carries the IP.
  Uploader mail;
  mail.setBaseUrl("https://api.mailgun.net");
  mail.setPath("v3/mg.tallybird.app/messages");
  mail.setPayload(nlohmann::json{{"to", user.email}, {"subject", "Profile updated"}, {"text", "Changed from " + user.ip_address}}.dump());
  mail.send();  // expect: privacy-vendor-category user.device.ip_address mailgun
}

}  // namespace tb::profile_sync
