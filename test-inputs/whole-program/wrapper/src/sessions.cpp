// Log-in bookkeeping: sends the client's IP address out. The first call goes
// through a wrapper that knows the URL itself (send_to_posthog); the finding
// is still at this file's call, the innermost one that knows the data.
#include "endpoints.h"
#include "net.h"
#include "user.h"

#include <nlohmann/json.hpp>

namespace tb::sessions {

void on_logged_in(const User& user, const std::string& client_ip) {
  nlohmann::json seen = {{"event", "logged_in"}, {"distinct_id", user.id}, {"properties", {{"$ip", client_ip}, {"ip_address", client_ip}}}};
  net::send_to_posthog(seen.dump());  // expect: privacy-vendor-category user.device.ip_address posthog

  // Mailgun receives the email, not where the user logs in from.
  const std::string notice = "to=" + user.email + "&subject=New%20login&text=From%20" + user.ip_address;
  net::post(endpoints::kMailgunMessages, notice, "application/x-www-form-urlencoded");  // expect: privacy-vendor-category user.device.ip_address mailgun

  // Amplitude is no vendor of the policy.
  nlohmann::json batch = {{"api_key", "AMPLITUDE_KEY"}, {"events", {{{"user_id", user.id}, {"event_type", "login"}, {"ip", user.ip_address}}}}};
  net::post(endpoints::kAmplitudeHttp, batch.dump());  // expect: privacy-undeclared-vendor - amplitude

  // Only the account id and the event: declared for PostHog.
  nlohmann::json heartbeat = {{"event", "session_heartbeat"}, {"distinct_id", user.id}};
  net::send_to_posthog(heartbeat.dump());  // expect-none
}

}  // namespace tb::sessions
