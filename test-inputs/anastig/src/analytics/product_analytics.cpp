// Anastig: product analytics, for accounts that opted in.
//
// "Non-essential analytics cookies are off by default and only enabled if you
// opt in." The cabinet's privacy settings page writes the choice through
// set_analytics_consent(); feature events are sent only for opted-in
// accounts. Usage counters ("which features you use, throttle counters") are
// kept in our own Redis either way, without the account.
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

class ProductAnalytics {
 public:
  ProductAnalytics(net::Client& http, PGconn* db, redisContext* redis, std::string mixpanel_token)
      : http_(http), db_(db), redis_(redis), mixpanel_token_(std::move(mixpanel_token)) {}

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

    if (!account.analytics_opt_in)
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
  net::Client& http_;
  PGconn* db_;
  redisContext* redis_;
  std::string mixpanel_token_;
};

}  // namespace anastig::analytics
