// Anastig: product analytics, for accounts that opted in.
//
// "Non-essential analytics cookies are off by default and only enabled if you
// opt in." The cabinet's privacy settings page writes the choice through
// update_analytics_choice(); feature events and the analytics id cookie are
// for opted-in accounts (analytics_allowed(), analytics/consent.h). Usage
// counters ("which features you use, throttle counters") are kept in our own
// Redis either way, without the account.
#include "analytics/consent.h"
#include "crypto/secrets.h"
#include "models.h"
#include "net/curl_client.h"
#include "settings.h"

#include <hiredis/hiredis.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <ctime>
#include <string>
#include <utility>
#include <vector>

namespace anastig::analytics {

constexpr const char* kMixpanelTrackUrl = "https://api-eu.mixpanel.com/track";
constexpr const char* kLegacySegmentUrl = "https://api.segment.io/v1/track";

namespace {

// "user agent summary": the OS family only, as the dashboard shows it.
std::string os_family(const std::string& user_agent) {
  for (const char* family : {"Windows", "Mac OS X", "Android", "iPhone OS", "Linux", "CrOS"}) {
    if (user_agent.find(family) != std::string::npos)
      return family;
  }
  return "Other";
}

std::string today() {
  char day[11];
  const std::time_t now = std::time(nullptr);
  std::strftime(day, sizeof day, "%Y-%m-%d", std::gmtime(&now));
  return day;
}

}  // namespace

void set_analytics_id_cookie(httplib::Response& res, UserId user_id) {
  res.set_header("Set-Cookie", "anastig_analytics_id=" + std::to_string(user_id) +  // expect-none
                                   "; Max-Age=31536000; Path=/; Secure; SameSite=Lax");
}

class ProductAnalytics {
 public:
  ProductAnalytics(net::Client& http, PGconn* db, redisContext* redis, std::string mixpanel_token)
      : http_(http), db_(db), redis_(redis), mixpanel_token_(std::move(mixpanel_token)) {}

  void install(httplib::Server& server) {
    server.Get("/api/public/bootstrap", [this](const auto& req, auto& res) { public_bootstrap(req, res); });
  }

  // The privacy settings page: the choice is recorded, and an opted-in browser
  // gets its analytics id at once.
  void update_analytics_choice(Account& account, bool analytics_consent, httplib::Response& res) {
    set_analytics_consent(account.id, analytics_consent);
    account.analytics_opt_in = analytics_consent;
    if (analytics_allowed(account))
      set_analytics_id_cookie(res, account.id);  // expect-none
    res.set_content(R"({"saved":true})", "application/json");
  }

  // The public site's first request. Marketing wants sign-ups attributed to the
  // landing page that brought the visitor, so every new visitor is given an
  // analytics id straight away, long before anyone could have opted in.
  void public_bootstrap(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Cookie").find("anastig_analytics_id=") == std::string::npos)
      res.set_header("Set-Cookie", "anastig_analytics_id=v-" + crypto::random_token(16) +  // expect: privacy-consent - cookie:anastig_analytics_id
                                       "; Max-Age=31536000; Path=/; Secure; SameSite=Lax");
    res.set_content(R"({"signup_open":true})", "application/json");
  }

  // The consent record: which choice, and when.
  void set_analytics_consent(UserId user_id, bool analytics_consent) {
    const std::string user = std::to_string(user_id);
    const char* params[2] = {user.c_str(), analytics_consent ? "true" : "false"};
    PGresult* res = PQexecParams(db_,  // expect-none
                                 "INSERT INTO consent_records (user_id, document, analytics_consent, decided_at) "
                                 "VALUES ($1::bigint, 'analytics_cookies', $2::boolean, now())",
                                 2, nullptr, params, nullptr, nullptr, 0);
    PQclear(res);
    PQclear(PQexecParams(db_, "UPDATE accounts_user SET analytics_opt_in = $2::boolean WHERE id = $1::bigint",
                         2, nullptr, params, nullptr, nullptr, 0));
    spdlog::info("consent: user {} analytics={}", user_id, analytics_consent);  // expect: privacy-log-exposure user.privacy_preferences log
  }

  void feature_used(const Account& account, const std::string& feature, const httplib::Request& req) {
    // Aggregate counter, no account: always on.
    auto* reply = static_cast<redisReply*>(redisCommand(  // expect-none
        redis_, "HINCRBY usage:%s %s 1", today().c_str(), feature.c_str()));
    if (reply != nullptr)
      freeReplyObject(reply);

    if (!analytics_allowed(account))
      return;

    nlohmann::json event;
    event["event"] = feature;
    event["properties"] = {
        {"token", mixpanel_token_},
        {"distinct_id", std::to_string(account.id)},
        {"time", static_cast<long long>(std::time(nullptr))},
        {"ip", req.remote_addr},
        {"$os", os_family(req.get_header_value("User-Agent"))},
        {"country", account.country},
    };
    const std::string batch = nlohmann::json::array({event}).dump();
    const std::vector<std::string> headers = {"Content-Type: application/json", "Accept: text/plain"};
    const net::HttpResult result = http_.post(kMixpanelTrackUrl, batch, headers);  // expect: privacy-undeclared-vendor - mixpanel; privacy-undeclared-category user.device.ip_address mixpanel
    if (!result.ok())
      spdlog::warn("analytics: mixpanel answered HTTP {} {}", result.status, result.error);  // expect-none

    if (false) {
      // Segment was replaced by Mixpanel in 2025; kept until the contract ends.
      http_.post(kLegacySegmentUrl, event.dump(), headers);  // expect-none
    }
  }

  // Export downloads, by format, for the formats roadmap.
  void export_downloaded(const Account& account, const std::string& format) {
    if (analytics_allowed(account))
      track(account, "export_downloaded", {{"format", format}});  // expect-none
  }

  // The growth dashboard's sign-up funnel, sent when an account is created.
  // The opt-in is first offered after the first login, so no new account has
  // chosen yet.
  void signup_completed(const Account& account) {
    nlohmann::json event;
    event["event"] = "signup_completed";
    event["properties"] = {
        {"token", mixpanel_token_},
        {"distinct_id", std::to_string(account.id)},
        {"time", static_cast<long long>(std::time(nullptr))},
    };
    const std::vector<std::string> headers = {"Content-Type: application/json", "Accept: text/plain"};
    http_.post(kMixpanelTrackUrl, nlohmann::json::array({event}).dump(), headers);  // expect: privacy-undeclared-vendor - mixpanel
  }

  // The weekly "features used" report for the product team: counts only.
  nlohmann::json weekly_usage() {
    nlohmann::json report = nlohmann::json::object();
    auto* reply = static_cast<redisReply*>(redisCommand(redis_, "HGETALL usage:%s", today().c_str()));
    if (reply != nullptr && reply->type == REDIS_REPLY_ARRAY) {
      for (size_t i = 0; i + 1 < reply->elements; i += 2)
        report[reply->element[i]->str] = std::stoll(reply->element[i + 1]->str);
    }
    if (reply != nullptr)
      freeReplyObject(reply);
    spdlog::info("analytics: {} features used today", report.size());  // expect-none
    return report;
  }

 private:
  // One Mixpanel event for the account; the callers have checked the opt-in.
  void track(const Account& account, const std::string& name, const nlohmann::json& extra) {
    nlohmann::json event;
    event["event"] = name;
    event["properties"] = {
        {"token", mixpanel_token_},
        {"distinct_id", std::to_string(account.id)},
        {"time", static_cast<long long>(std::time(nullptr))},
    };
    event["properties"].update(extra);
    const std::vector<std::string> headers = {"Content-Type: application/json", "Accept: text/plain"};
    const net::HttpResult result = http_.post(kMixpanelTrackUrl, nlohmann::json::array({event}).dump(), headers);  // expect: privacy-undeclared-vendor - mixpanel
    if (!result.ok())
      spdlog::warn("analytics: mixpanel answered HTTP {} {}", result.status, result.error);  // expect-none
  }

  net::Client& http_;
  PGconn* db_;
  redisContext* redis_;
  std::string mixpanel_token_;
};

}  // namespace anastig::analytics
