// Product analytics (PostHog), the growth team's revenue feed (Segment) and
// error reporting (Sentry, through sentry-native).
//
// PostHog waits for the visitor's choice (privacy::analytics_allowed): either
// the function that sends asks, or its callers do.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <chrono>
#include <optional>
#include <string>

#include <fmt/core.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <sentry.h>
#include <spdlog/spdlog.h>

#include "config.h"
#include "net.h"
#include "services.h"

namespace mixlens::analytics {

namespace {

std::string iso8601_now() {
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch());
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// PostHog capture API: https://posthog.com/docs/api/capture
//
// Server-side events are anonymous: they all carry the same distinct_id and
// "$process_person_profile": false, so PostHog builds no person profile.
nlohmann::json capture_body(const std::string& event, const nlohmann::json& properties) {
  nlohmann::json body = {
      {"api_key", config::posthog_api_key()},
      {"event", event},
      {"distinct_id", "mixlens-server"},
      {"timestamp", iso8601_now()},
      {"properties", properties},
  };
  body["properties"]["$process_person_profile"] = false;
  body["properties"]["$lib"] = "mixlens-server";
  body["properties"]["app_version"] = MIXLENS_VERSION;
  return body;
}

// $feature_flag_called, so that PostHog's experiment results count exposures.
void send_flag_exposure(const std::string& flag, const std::string& variant) {
  static const net::Client client;
  client.post(config::kPosthogCaptureUrl, capture_body("$feature_flag_called", {{"$feature_flag", flag}, {"$feature_flag_response", variant}}).dump(), "application/json");  // expect-none
}

// The render funnel's counters, by plan.
void send_render_event(const std::string& event, Plan plan) {
  static const net::Client client;
  client.post(config::kPosthogCaptureUrl, capture_body(event, {{"plan", plan_name(plan)}}).dump(), "application/json");  // expect: privacy-consent - posthog
}

}  // namespace

void track(const std::string& event, const nlohmann::json& properties) {
  static const net::Client client;
  const net::Response res = client.post(config::kPosthogCaptureUrl, capture_body(event, properties).dump(), "application/json");  // expect-none
  if (!res.ok()) spdlog::debug("posthog capture returned {}", res.status);
}

void track_page_view(const httplib::Request& req, const std::optional<User>& user,
                     const std::string& page) {
  if (!privacy::analytics_allowed(req, user)) return;
  static const net::Client client;
  client.post(config::kPosthogCaptureUrl, capture_body("$pageview", {{"$pathname", "/" + page}}).dump(), "application/json");  // expect-none
}

void record_experiment_exposure(const httplib::Request& req, const std::optional<User>& user,
                                const std::string& flag, const std::string& variant) {
  const bool allowed = privacy::analytics_allowed(req, user);
  if (!allowed) return;
  send_flag_exposure(flag, variant);
}

void analytics_choice_changed(const httplib::Request& req, const User& user) {
  static const net::Client client;
  if (privacy::analytics_allowed(req, user)) {
    client.post(config::kPosthogCaptureUrl, capture_body("analytics_enabled", {{"plan", plan_name(user.plan)}}).dump(), "application/json");  // expect-none
  } else {
    // The consent dashboard counts opt-outs as well.
    client.post(config::kPosthogCaptureUrl, capture_body("analytics_disabled", {{"plan", plan_name(user.plan)}}).dump(), "application/json");  // expect: privacy-consent - posthog
  }
}

void render_downloaded(const httplib::Request& req, const User& user) {
  if (!privacy::analytics_allowed(req, user)) return;
  send_render_event("render_downloaded", user.plan);
}

void render_finished(const User& user) { send_render_event("render_finished", user.plan); }

// Revenue events for the growth dashboard (Segment HTTP tracking API).
void report_revenue(Plan plan, long amount_cents) {
  const nlohmann::json body = {
      {"writeKey", config::segment_write_key()},
      {"anonymousId", "mixlens-billing"},
      {"event", "Subscription Started"},
      {"properties", {{"plan", plan_name(plan)}, {"revenue", amount_cents / 100.0}, {"currency", "usd"}}},
      {"timestamp", iso8601_now()},
  };
  const net::Client segment;
  const net::Response res = segment.post(config::kSegmentTrackUrl, body.dump(), "application/json");  // expect: privacy-undeclared-vendor - segment
  if (!res.ok()) spdlog::warn("segment track failed with HTTP {}", res.status);
}

// --- Sentry ------------------------------------------------------------------------------------

void init_error_reporting() {
  sentry_options_t* options = sentry_options_new();
  const std::string dsn = config::sentry_dsn();
  sentry_options_set_dsn(options, dsn.c_str());  // expect-none
  sentry_options_set_release(options, "mixlens@" MIXLENS_VERSION);
  sentry_options_set_environment(options, config::env_or("RAILWAY_ENVIRONMENT_NAME", "production").c_str());
  sentry_options_set_sample_rate(options, 1.0);
  if (sentry_init(options) != 0) spdlog::warn("sentry: initialisation failed");
}

// Attaches the signed-in user to subsequent error reports so that support can
// find the reports behind a ticket.
void identify_for_errors(const User& user) {
  sentry_value_t sentry_user = sentry_value_new_object();
  sentry_value_set_by_key(sentry_user, "id", sentry_value_new_string(std::to_string(user.id).c_str()));
  sentry_value_set_by_key(sentry_user, "email", sentry_value_new_string(user.email.c_str()));
  sentry_value_set_by_key(sentry_user, "plan", sentry_value_new_string(plan_name(user.plan)));
  sentry_set_user(sentry_user);  // expect: privacy-vendor-category user.unique_id sentry; privacy-vendor-category user.contact.email sentry
}

void report_error(const std::string& stage, const std::string& message) {
  sentry_set_tag("stage", stage.c_str());  // expect-none
  sentry_value_t event = sentry_value_new_message_event(SENTRY_LEVEL_ERROR, "mixlens.worker", message.c_str());
  sentry_value_t crumb = sentry_value_new_breadcrumb("default", fmt::format("stage {} failed", stage).c_str());
  sentry_add_breadcrumb(crumb);
  sentry_capture_event(event);  // expect-none
  spdlog::error("[{}] {}", stage, message);
}

}  // namespace mixlens::analytics
