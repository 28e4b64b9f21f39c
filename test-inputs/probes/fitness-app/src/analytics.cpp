// Product analytics (Mixpanel), the growth team's Segment mirror, and error
// reports posted to Sentry's store endpoint.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include "analytics.h"

#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <ctime>
#include <string>

namespace fitpulse::analytics {

namespace {

constexpr const char* kMixpanelHost = "https://api-eu.mixpanel.com";
constexpr const char* kSegmentHost = "https://api.segment.io";
constexpr const char* kSentryStoreUrl = "https://o448121.ingest.sentry.io/api/5512349/store/";
constexpr bool kMirrorProfilesToSegment = false;  // growth asked for it; legal said no

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : std::string(fallback);
}

class MixpanelClient {
 public:
  MixpanelClient() : http_(kMixpanelHost), project_token_(env_or("MIXPANEL_PROJECT_TOKEN", "")) {
    http_.set_connection_timeout(3);
    http_.set_read_timeout(5);
  }

  bool track(const std::string& event, const std::string& distinct_id, nlohmann::json properties) {
    properties["token"] = project_token_;
    properties["distinct_id"] = distinct_id;
    properties["time"] = static_cast<long>(std::time(nullptr));
    const nlohmann::json batch = nlohmann::json::array({{{"event", event}, {"properties", properties}}});
    auto res = http_.Post("/track", batch.dump(), "application/json");  // expect-none: only the project token and distinct_id are known here; each caller's properties are judged at its track() call
    return res && res->status == 200;
  }

 private:
  httplib::Client http_;
  std::string project_token_;
};

MixpanelClient& mixpanel() {
  static MixpanelClient client;
  return client;
}

class SentryReporter {
 public:
  SentryReporter() : curl_(curl_easy_init()), public_key_(env_or("SENTRY_PUBLIC_KEY", "3f1c0e9a6b0d4c2e8f7a")) {}
  ~SentryReporter() {
    if (curl_ != nullptr) curl_easy_cleanup(curl_);
  }

  void capture(const std::string& message, const nlohmann::json& extra) {
    if (curl_ == nullptr) return;
    const nlohmann::json event = {{"message", message}, {"level", "error"}, {"platform", "native"}, {"extra", extra}};
    const std::string payload = event.dump();
    const std::string auth = "X-Sentry-Auth: Sentry sentry_version=7, sentry_key=" + public_key_;
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    headers = curl_slist_append(headers, auth.c_str());
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, kSentryStoreUrl);
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);  // expect-none: the Sentry key is FitPulse's own DSN key (system.authentication)
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, payload.c_str());
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 5L);
    if (curl_easy_perform(curl_) != CURLE_OK) spdlog::warn("sentry: event dropped");
    curl_slist_free_all(headers);
  }

 private:
  CURL* curl_;
  std::string public_key_;
};

SentryReporter& sentry() {
  static SentryReporter reporter;
  return reporter;
}

const char* heart_rate_zone(int bpm) { return bpm < 120 ? "easy" : bpm < 150 ? "moderate" : "hard"; }

}  // namespace

void workout_completed(const User& user, const Workout& workout) {
  mixpanel().track("Workout Completed", user.device_id, {{"workout_type", workout.workout_type}, {"duration_s", workout.duration_s}, {"steps", workout.step_count}});  // expect-none: device id and workout behaviour, both in Mixpanel's receives
  if (workout.avg_heart_rate > 0) {
    nlohmann::json effort;
    effort["zone"] = heart_rate_zone(workout.avg_heart_rate);
    effort["avg_heart_rate"] = workout.avg_heart_rate;
    mixpanel().track("Effort Recorded", user.device_id, effort);  // expect: privacy-vendor-category user.health_and_medical.heart_rate mixpanel
  }
}

void profile_updated(const User& user) {
  nlohmann::json props = {{"source", "settings_screen"}};
  props["$email"] = user.email;  // so the lifecycle team can find people in Mixpanel
  mixpanel().track("Profile Updated", std::to_string(user.id), props);  // expect: privacy-vendor-category user.contact.email mixpanel
  if (kMirrorProfilesToSegment) {
    httplib::Client segment(kSegmentHost);
    segment.Post("/v1/identify", nlohmann::json{{"userId", user.id}, {"traits", {{"email", user.email}}}}.dump(), "application/json");  // expect-none: under a constexpr false condition
  }
}

// Growth mirrors the daily active count into Segment for their dashboards.
void report_daily_actives(int active_users) {
  httplib::Client segment(kSegmentHost);
  segment.set_basic_auth(env_or("SEGMENT_WRITE_KEY", ""), "");
  const nlohmann::json body = {{"anonymousId", "fitpulse-backend"}, {"event", "Daily Actives"}, {"properties", {{"count", active_users}}}};
  auto res = segment.Post("/v1/track", body.dump(), "application/json");  // expect: privacy-undeclared-vendor - segment
  if (!res) spdlog::warn("segment: daily actives not sent");
}

void report_db_failure(const std::string& operation, int sqlite_code) {
  sentry().capture("database write failed", {{"operation", operation}, {"sqlite_code", sqlite_code}});  // expect-none: operational data only, which Sentry receives
}

void report_signup_failure(const std::string& email, const std::string& reason) {
  sentry().capture("signup failed: " + reason, {{"user", {{"email", email}}}});  // expect: privacy-vendor-category user.contact.email sentry
}

}  // namespace fitpulse::analytics
