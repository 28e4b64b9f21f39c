// Rider and driver notifications: SMS and masked calls through Twilio, push
// notifications through OneSignal.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <string>
#include <utility>

#include "config.h"
#include "log.h"
#include "models.h"
#include "support.h"

namespace kerbside::notify {

using Delivery = std::function<void(bool delivered)>;

namespace {

std::string messages_url(const Config& cfg) {
  return cfg.twilio_base + "/2010-04-01/Accounts/" + cfg.twilio_account_sid + "/Messages.json";
}

std::string twilio_auth(const Config& cfg) {
  return cfg.twilio_account_sid + ":" + cfg.twilio_auth_token;
}

std::vector<std::string> onesignal_headers(const Config& cfg) {
  return {"Authorization: Key " + cfg.onesignal_rest_key};
}

// Retries a delivery attempt with a short linear back-off.
template <typename Attempt>
bool with_retry(int attempts, Attempt&& attempt) {
  for (int i = 0; i < attempts; ++i) {
    if (attempt()) return true;
    LOG_INFO("delivery attempt {} of {} failed", i + 1, attempts);  // expect-none: attempt counters
  }
  return false;
}

}  // namespace

class RiderNotifier {
 public:
  // "Ana is 4 min away in a white Toyota Corolla."
  void driver_arriving(const Rider& rider, const Driver& driver, int eta_minutes, const Delivery& done) {
    const Config& cfg = Config::instance();
    std::map<std::string, std::string> form;
    form["To"] = rider.phone_number;
    form["MessagingServiceSid"] = cfg.twilio_messaging_service_sid;
    form["Body"] = fmt::format("Kerbside: {} is {} min away in a {}.", driver.first_name, eta_minutes, driver.car_description);
    const net::Response res = net::post_form(messages_url(cfg), form, twilio_auth(cfg));  // expect: privacy-vendor-category user.name.first twilio
    done(res.status == 201);
  }

  void driver_waiting(const Rider& rider) {
    const Config& cfg = Config::instance();
    const std::map<std::string, std::string> form{{"To", rider.phone_number}, {"MessagingServiceSid", cfg.twilio_messaging_service_sid}, {"Body", "Kerbside: your driver has arrived and is waiting."}};
    net::post_form(messages_url(cfg), form, twilio_auth(cfg));  // expect-none: the rider's phone number to Twilio, which receives it; Kerbside's own Twilio credentials
  }

  // Masked calling: both parties join a Twilio Proxy session and call a pool number.
  bool bridge_call(const Rider& rider, const Driver& driver) {
    const Config& cfg = Config::instance();
    const std::string session_url = fmt::format("{}/v1/Services/{}/Sessions", cfg.twilio_proxy_base, cfg.twilio_proxy_service_sid);
    const net::Response session = net::post_form(session_url, {{"Ttl", "3600"}, {"Mode", "voice-only"}}, twilio_auth(cfg));  // expect-none: session settings and Kerbside's own Twilio credentials
    const auto created = nlohmann::json::parse(session.body, nullptr, false);
    if (created.is_discarded() || !created.contains("sid")) return false;
    const std::string participants_url = session_url + "/" + created["sid"].get<std::string>() + "/Participants";
    const std::string rider_number = rider.phone_number;
    const std::string driver_number = driver.phone_number;
    const bool rider_ok = with_retry(3, [&] { return net::post_form(participants_url, {{"Identifier", rider_number}}, twilio_auth(cfg)).status == 201; });  // expect-none: the rider's phone number to Twilio Proxy, which receives it
    const bool driver_ok = with_retry(3, [&] { return net::post_form(participants_url, {{"Identifier", driver_number}}, twilio_auth(cfg)).status == 201; });  // expect-none: the driver's phone number to Twilio Proxy
    return rider_ok && driver_ok;
  }

  void push_trip_update(const Rider& rider, const std::string& headline) {
    const Config& cfg = Config::instance();
    const nlohmann::json body = {{"app_id", cfg.onesignal_app_id}, {"include_subscription_ids", {rider.device_id}}, {"contents", {{"en", headline}}}};
    net::post_json(cfg.onesignal_base + "/notifications", body.dump(), onesignal_headers(cfg));  // expect-none: the push subscription id to OneSignal, which receives device ids; Kerbside's own REST key
  }

  // Links the app install to the rider so that pushes survive reinstalls.
  void link_device(const Rider& rider) {
    const Config& cfg = Config::instance();
    nlohmann::json body;
    body["identity"] = {{"external_id", std::to_string(rider.rider_id)}};
    body["subscriptions"] = nlohmann::json::array({{{"type", "AndroidPush"}, {"token", rider.device_id}}});
    body["properties"]["tags"] = {{"email", rider.email}, {"first_name", rider.first_name}};
    net::post_json(fmt::format("{}/apps/{}/users", cfg.onesignal_base, cfg.onesignal_app_id), body.dump(), onesignal_headers(cfg));  // expect: privacy-vendor-category user.contact.email onesignal; privacy-vendor-category user.name.first onesignal
  }
};

void announce_arrival(RiderNotifier& notifier, const Rider& rider, const Driver& driver, int eta_minutes) {
  notifier.driver_arriving(rider, driver, eta_minutes, [to = rider.phone_number, id = rider.rider_id, &notifier, &rider](bool delivered) {
    if (delivered) {
      LOG_INFO("arrival sms delivered to rider {}", id);  // expect-none: a rider number, allowed in logs
      return;
    }
    LOG_WARN("arrival sms to {} failed, falling back to push", to);  // expect: privacy-log-exposure user.contact.phone_number log
    notifier.push_trip_update(rider, "Your driver is almost there.");
  });
}

}  // namespace kerbside::notify
