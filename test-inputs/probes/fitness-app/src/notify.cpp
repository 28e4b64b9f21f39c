// Outbound messages: account email and the weekly summary through SendGrid,
// and "workout saved" pushes through our own push gateway.
#include "notify.h"

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

namespace fitpulse::notify {

namespace {

namespace endpoints {
constexpr const char* kSendgridBase = "https://api.sendgrid.com";
constexpr const char* kMailSendPath = "/v3/mail/send";
constexpr const char* kPushGateway = "https://push.fitpulse.app/v2/notify";
}  // namespace endpoints

constexpr const char* kFromAddress = "coach@fitpulse.app";

std::string sendgrid_api_key() {
  const char* key = std::getenv("SENDGRID_API_KEY");
  return key != nullptr ? key : "";
}

size_t discard_body(char*, size_t size, size_t nmemb, void*) { return size * nmemb; }

// POSTs a JSON document; returns the HTTP status, or 0 when the request failed.
long post_json(const std::string& url, const std::string& body, const std::string& bearer) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return 0;
  const std::string auth = "Authorization: Bearer " + bearer;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, auth.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());  // expect-none: generic helper; each caller is judged at its post_json call
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

nlohmann::json mail(const std::string& to, const std::string& to_name, const std::string& subject,
                    const std::string& html) {
  return {
      {"personalizations", {{{"to", {{{"email", to}, {"name", to_name}}}}}}},
      {"from", {{"email", kFromAddress}, {"name", "FitPulse Coach"}}},
      {"subject", subject},
      {"content", {{{"type", "text/html"}, {"value", html}}}},
  };
}

}  // namespace

void send_welcome(const User& user) {
  const std::string html = "<h1>Welcome to FitPulse, " + user.display_name + "!</h1><p>Log your first workout to start your streak.</p>";
  const nlohmann::json message = mail(user.email, user.display_name, "Welcome to FitPulse", html);
  const std::string url = std::string(endpoints::kSendgridBase) + endpoints::kMailSendPath;
  const long status = post_json(url, message.dump(), sendgrid_api_key());  // expect-none: email and display name, both in SendGrid's receives
  if (status != 202) {
    std::fprintf(stderr, "welcome mail to %s failed (HTTP %ld)\n", user.email.c_str(), status);  // expect: privacy-log-exposure user.contact.email log
  }
}

void send_weekly_summary(const User& user, const WeeklyStats& stats) {
  std::ostringstream html;
  html << "<h2>Your week, " << user.display_name << "</h2>";
  html << "<p>" << stats.workouts << " workouts, " << stats.total_steps << " steps, " << stats.active_minutes << " active minutes.</p>";
  if (stats.resting_heart_rate > 0) {
    html << "<p>Resting heart rate: " << stats.resting_heart_rate << " bpm</p>";
  }
  const nlohmann::json message = mail(user.email, user.display_name, "Your FitPulse week", html.str());
  const std::string url = std::string(endpoints::kSendgridBase) + endpoints::kMailSendPath;
  const long status = post_json(url, message.dump(), sendgrid_api_key());  // expect: privacy-vendor-category user.health_and_medical.heart_rate sendgrid
  spdlog::info("weekly summary for user {} -> HTTP {}", user.id, status);  // expect-none: account number only, which the logs may hold
}

void push_workout_saved(const User& user, const Workout& workout) {
  nlohmann::json push;
  push["device_id"] = user.device_id;
  push["title"] = "Workout saved";
  push["body"] = "Nice " + workout.workout_type + "! " + std::to_string(workout.duration_s / 60) + " minutes logged.";
  const char* gateway_token = std::getenv("PUSH_GATEWAY_TOKEN");
  const long status = post_json(endpoints::kPushGateway, push.dump(), gateway_token != nullptr ? gateway_token : "");  // expect-none: push.fitpulse.app is a first-party host
  if (status != 200) spdlog::warn("push gateway returned {}", status);
}

}  // namespace fitpulse::notify
