// Metrics Cabinet: self-hosted site analytics (Plausible-compatible).
//
// "Self-hosted analytics (Plausible-compatible): URL, referrer, aggregation by
// country — no cookies, no cross-site tracking". The site's script posts
//   POST /api/event  {"n": "pageview", "u": url, "r": referrer, "d": domain}
// and we count unique visitors the way Plausible does: a daily-rotated salt
// hashed with the request's address, user agent and domain, never stored
// with the salt, so yesterday's hashes cannot be linked to today's.
#include <fmt/core.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <unordered_map>

namespace mcab::analytics {

// SHA-256(salt || addr || ua || domain), truncated to 16 bytes, hex.
std::string daily_visitor_hash(const std::string& salt, const std::string& remote_addr,
                               const std::string& user_agent, const std::string& domain) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
  EVP_DigestUpdate(ctx, salt.data(), salt.size());
  EVP_DigestUpdate(ctx, remote_addr.data(), remote_addr.size());
  EVP_DigestUpdate(ctx, user_agent.data(), user_agent.size());
  EVP_DigestUpdate(ctx, domain.data(), domain.size());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  std::string hex;
  for (unsigned i = 0; i < 16 && i < len; ++i)
    hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

class SiteAnalytics {
 public:
  explicit SiteAnalytics(sqlite3* db) : db_(db) { rotate_salt(); }

  void install(httplib::Server& server) {
    server.Post("/api/event", [this](const httplib::Request& req, httplib::Response& res) {
      handle_event(req, res);
    });
  }

  void handle_event(const httplib::Request& req, httplib::Response& res) {
    if (rate_limited(req.remote_addr)) {
      fmt::print(stderr, "analytics: dropping events from {} (over 50/min)\n", req.remote_addr);  // expect: privacy-undeclared-category user.device.ip_address log
      res.status = 429;
      return;
    }
    const auto event = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (event.is_discarded() || !event.contains("u") || !event.contains("d")) {
      res.status = 400;
      return;
    }
    if (day_changed())
      rotate_salt();

    const std::string event_name = event.value("n", "pageview");
    const std::string page_url = event.at("u").get<std::string>();
    const std::string referrer = event.value("r", "");
    const std::string domain = event.at("d").get<std::string>();
    const std::string user_agent = req.get_header_value("User-Agent");
    // Set by the edge (nginx geoip2 module); the address itself never
    // leaves nginx for this purpose.
    const std::string country_code = req.get_header_value("X-Geo-Country");
    const std::string visitor_hash = daily_visitor_hash(salt_, req.remote_addr, user_agent, domain);

    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_,
                       "INSERT INTO pageviews (ts, domain, event_name, page_url, referrer, country_code, "
                       "visitor_hash, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       -1, &stmt, nullptr);
    sqlite3_bind_int64(stmt, 1, static_cast<sqlite3_int64>(std::time(nullptr)));
    sqlite3_bind_text(stmt, 2, domain.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, event_name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 4, page_url.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, referrer.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 6, country_code.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
    sqlite3_bind_text(stmt, 7, visitor_hash.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
    // Raw UA kept for now so that the browser/OS breakdown can be recomputed
    // when the parser improves.
    sqlite3_bind_text(stmt, 8, user_agent.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-undeclared-category user.device.telemetry storage
    const int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE) {
      spdlog::error("analytics: insert failed: {}", sqlite3_errmsg(db_));  // expect-none
      res.status = 500;
      return;
    }
    ++pageviews_today_;
    remember_visitor(req, res);
    res.status = 202;
  }

  // Aggregates for the dashboard: visitors per country for one domain.
  std::string country_breakdown(const std::string& domain) {
    const std::string sql = fmt::format(
        "SELECT country_code, COUNT(DISTINCT visitor_hash) FROM pageviews WHERE domain = '{}' "
        "AND ts > strftime('%s', 'now', '-30 days') GROUP BY country_code",
        domain);
    nlohmann::json out = nlohmann::json::object();
    char* err = nullptr;
    sqlite3_exec(db_, sql.c_str(),  // expect-none
                 [](void* user, int, char** values, char**) {
                   (*static_cast<nlohmann::json*>(user))[values[0] ? values[0] : "??"] =
                       std::stoll(values[1] ? values[1] : "0");
                   return 0;
                 },
                 &out, &err);
    if (err != nullptr) {
      spdlog::error("analytics: breakdown failed: {}", err);  // expect-none
      sqlite3_free(err);
    }
    return out.dump();
  }

 private:
  // "New vs returning" on the dashboard: the daily salt forgets everyone at
  // midnight, so a visitor id that lasts a year marks who came back.
  void remember_visitor(const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Cookie").find("_mc_vid=") != std::string::npos) {
      ++returning_today_;
      return;
    }
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    char visitor_id[sizeof raw * 2 + 1];
    sodium_bin2hex(visitor_id, sizeof visitor_id, raw, sizeof raw);
    res.set_header("Set-Cookie", std::string("_mc_vid=") + visitor_id + "; Path=/; Max-Age=31536000; Secure; SameSite=Lax");  // expect: privacy-cookie - cookie:_mc_vid
  }

  bool rate_limited(const std::string& remote_addr) {
    const long minute = static_cast<long>(std::time(nullptr) / 60);
    if (minute != window_) {
      window_ = minute;
      hits_.clear();
    }
    return ++hits_[remote_addr] > 50;
  }

  bool day_changed() const { return std::time(nullptr) / 86400 != salt_day_; }

  void rotate_salt() {
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    salt_.assign(reinterpret_cast<const char*>(raw), sizeof raw);
    salt_day_ = std::time(nullptr) / 86400;
    spdlog::info("analytics: rotated visitor salt after {} pageviews ({} returning)", pageviews_today_,  // expect-none
                 returning_today_);
    pageviews_today_ = 0;
    returning_today_ = 0;
  }

  sqlite3* db_;
  std::string salt_;
  std::time_t salt_day_ = 0;
  long window_ = 0;
  std::unordered_map<std::string, int> hits_;
  long pageviews_today_ = 0;
  long returning_today_ = 0;
};

}  // namespace mcab::analytics
