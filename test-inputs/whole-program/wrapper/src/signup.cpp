// Sign-up: knows what it sends (the new account's email), and names the
// destination through the URL it hands to net::post. Every finding of this
// file is at a net::post call: the innermost function that knows both what and
// where is the caller, not net::post.
#include "endpoints.h"
#include "net.h"
#include "user.h"

#include <nlohmann/json.hpp>

namespace tb::signup {

void on_signed_up(const User& user) {
  // Segment is no vendor of the policy.
  nlohmann::json track = {{"userId", user.id}, {"event", "Signed Up"}, {"traits", {{"email", user.email}}}};
  net::post(endpoints::kSegmentTrack, track.dump());  // expect: privacy-undeclared-vendor - segment

  // PostHog receives usage events and the account id, not the email.
  nlohmann::json capture = {{"event", "signed_up"}, {"distinct_id", user.id}, {"properties", {{"email", user.email}}}};
  net::post(endpoints::kPosthogCapture, capture.dump());  // expect: privacy-vendor-category user.contact.email posthog

  // The same event without the email: only declared data.
  nlohmann::json anonymous = {{"event", "signed_up"}, {"distinct_id", user.id}};
  net::post(endpoints::kPosthogCapture, anonymous.dump());  // expect-none

  // Mailgun receives the email and the name.
  const std::string form = "to=" + user.email + "&subject=Welcome%20" + user.name + "&text=Hello";
  net::post(endpoints::kMailgunMessages, form, "application/x-www-form-urlencoded");  // expect-none
}

}  // namespace tb::signup
