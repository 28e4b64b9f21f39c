// Metrics Cabinet: the cabinet's sign-in routes (app.uni-moni.com) and the
// cookies they set.
//
// "In the cabinet — a session cookie (httpOnly, sameSite=lax, secure in
// production)." A session is a random token in the browser's cookie and
// `session:<token>` -> account id in Redis; Redis expires it, the cookie's
// Max-Age matches.
#include "account/account_service.h"

#include <hiredis/hiredis.h>
#include <httplib.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include <optional>
#include <string>
#include <vector>

namespace mcab::account {

namespace {

// Two weeks, refreshed on every request (see touch_session).
constexpr int kSessionTtlSeconds = 14 * 24 * 3600;
// Re-entering the password unlocks the security settings for 15 minutes.
constexpr int kSudoTtlSeconds = 15 * 60;

std::string new_session_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char hex[sizeof raw * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  return hex;
}

// The cookies the browser sent: "Cookie: a=1; b=2" as (name, value) pairs.
std::vector<std::pair<std::string, std::string>> request_cookies(const httplib::Request& req) {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string header = req.get_header_value("Cookie");
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string::npos)
      end = header.size();
    const std::string pair = header.substr(start, end - start);
    const std::size_t eq = pair.find('=');
    if (eq != std::string::npos) {
      const std::size_t name_start = pair.find_first_not_of(' ');
      out.emplace_back(pair.substr(name_start, eq - name_start), pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return out;
}

std::string request_cookie(const httplib::Request& req, const std::string& name) {
  for (const auto& [cookie_name, value] : request_cookies(req))
    if (cookie_name == name)
      return value;
  return "";
}

}  // namespace

class CabinetRoutes {
 public:
  CabinetRoutes(AccountService& accounts, redisContext* redis) : accounts_(accounts), redis_(redis) {}

  void install(httplib::Server& server) {
    server.Post("/login", [this](const httplib::Request& req, httplib::Response& res) {
      handle_login(req, res);
    });
    server.Post("/settings/security/unlock", [this](const httplib::Request& req, httplib::Response& res) {
      handle_unlock(req, res);
    });
    server.Get("/live/ticket", [this](const httplib::Request& req, httplib::Response& res) {
      handle_live_ticket(req, res);
    });
    server.Get(R"(/embed/d/([A-Za-z0-9_-]+))", [this](const httplib::Request& req, httplib::Response& res) {
      handle_embed(req, res);
    });
    server.Post("/logout", [this](const httplib::Request& req, httplib::Response& res) {
      handle_logout(req, res);
    });
  }

 private:
  void handle_login(const httplib::Request& req, httplib::Response& res) {
    const std::optional<AccountId> account_id =
        accounts_.log_in(req.get_param_value("email"), req.get_param_value("password"));
    if (!account_id) {
      res.status = 401;
      return;
    }
    const std::string session_token = new_session_token();
    auto* reply = static_cast<redisReply*>(redisCommand(  // expect-none
        redis_, "SETEX session:%s %d %lld", session_token.c_str(), kSessionTtlSeconds,
        static_cast<long long>(*account_id)));
    if (reply == nullptr) {
      res.status = 503;
      return;
    }
    freeReplyObject(reply);
    res.set_header("Set-Cookie", "mc_session=" + session_token + "; Path=/; Max-Age=1209600; Secure; HttpOnly; SameSite=Lax");  // expect-none
    res.set_redirect("/dashboards", 303);
  }

  // "Sudo mode" for the security settings (password, 2FA, API keys): the
  // password again, then a second session cookie that only those pages read
  // and that no other site's request ever carries.
  void handle_unlock(const httplib::Request& req, httplib::Response& res) {
    const std::optional<AccountId> account_id = session_account(req);
    if (!account_id || !accounts_.verify_password(*account_id, req.get_param_value("password"))) {
      res.status = 403;
      return;
    }
    const std::string sudo_token = new_session_token();
    auto* reply = static_cast<redisReply*>(redisCommand(  // expect-none
        redis_, "SET sudo:%s %lld EX %d", sudo_token.c_str(), static_cast<long long>(*account_id),
        kSudoTtlSeconds));
    if (reply != nullptr)
      freeReplyObject(reply);
    res.set_header("Set-Cookie", "mc_sudo_session=" + sudo_token + "; Path=/settings; Max-Age=900; Secure; HttpOnly; SameSite=Strict");  // expect-none
    res.status = 204;
  }

  // Live dashboards: the page's script opens a WebSocket to the live
  // gateway and sends this short-lived ticket in its first frame, so the
  // script has to read it from document.cookie.
  void handle_live_ticket(const httplib::Request& req, httplib::Response& res) {
    const std::optional<AccountId> account_id = session_account(req);
    if (!account_id) {
      res.status = 401;
      return;
    }
    const std::string live_token = new_session_token();
    auto* reply = static_cast<redisReply*>(redisCommand(
        redis_, "SET live:%s %lld EX 300", live_token.c_str(), static_cast<long long>(*account_id)));
    if (reply != nullptr)
      freeReplyObject(reply);
    res.set_header("Set-Cookie", "mc_live_session=" + live_token + "; Path=/; Max-Age=300; Secure; SameSite=Lax");  // expect: privacy-cookie - cookie:mc_live_session
    res.status = 204;
  }

  // Dashboards embedded in an iframe on the customer's own wiki or status
  // page: the frame is cross-site, so its cookie must be sent cross-site.
  void handle_embed(const httplib::Request& req, httplib::Response& res) {
    const std::optional<AccountId> account_id = session_account(req);
    if (!account_id) {
      res.set_redirect("/login?embed=1", 303);
      return;
    }
    const std::string embed_token = new_session_token();
    auto* reply = static_cast<redisReply*>(redisCommand(
        redis_, "SET embed:%s %lld EX 86400", embed_token.c_str(), static_cast<long long>(*account_id)));
    if (reply != nullptr)
      freeReplyObject(reply);
    res.set_header("Set-Cookie", "mc_embed_session=" + embed_token + "; Path=/embed; Max-Age=86400; Secure; HttpOnly; SameSite=None");  // expect: privacy-cookie - cookie:mc_embed_session
    res.set_content("<!doctype html><div id=\"dashboard\" data-id=\"" + req.matches[1].str() + "\"></div>",
                    "text/html");
  }

  // Signs the browser out: every cookie of ours it sent with this request is
  // expired, whichever of them it holds (the path-scoped sudo and embed
  // cookies are not sent here and run out on their own).
  void handle_logout(const httplib::Request& req, httplib::Response& res) {
    const std::string session_token = request_cookie(req, "mc_session");
    if (!session_token.empty()) {
      auto* reply = static_cast<redisReply*>(redisCommand(redis_, "DEL session:%s", session_token.c_str()));
      if (reply != nullptr)
        freeReplyObject(reply);
    }
    for (const auto& cookie : request_cookies(req)) {
      const std::string& cookie_name = cookie.first;
      if (cookie_name.rfind("mc_", 0) != 0)
        continue;
      res.set_header("Set-Cookie", cookie_name + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax");  // expect-none
    }
    res.set_redirect("/login", 303);
  }

  std::optional<AccountId> session_account(const httplib::Request& req) {
    const std::string session_token = request_cookie(req, "mc_session");
    if (session_token.empty())
      return std::nullopt;
    auto* reply = static_cast<redisReply*>(redisCommand(redis_, "GET session:%s", session_token.c_str()));
    std::optional<AccountId> account_id;
    if (reply != nullptr && reply->type == REDIS_REPLY_STRING)
      account_id = std::stoll(std::string(reply->str, reply->len));
    if (reply != nullptr)
      freeReplyObject(reply);
    if (account_id)
      touch_session(session_token);
    return account_id;
  }

  // Sliding expiry: a session used today lives two more weeks.
  void touch_session(const std::string& session_token) {
    auto* reply = static_cast<redisReply*>(
        redisCommand(redis_, "EXPIRE session:%s %d", session_token.c_str(), kSessionTtlSeconds));
    if (reply != nullptr)
      freeReplyObject(reply);
  }

  AccountService& accounts_;
  redisContext* redis_;
};

}  // namespace mcab::account
