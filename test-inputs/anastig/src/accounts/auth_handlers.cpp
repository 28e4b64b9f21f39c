// Anastig: authentication endpoints of the API service (sign-up, email
// verification, password reset, login, session refresh, MFA enrolment, email
// change). The Django app shares the accounts_* tables and verifies the same
// password hashes.
#include "analytics/consent.h"
#include "crypto/secrets.h"
#include "mail/resend_mailer.h"
#include "models.h"
#include "security/security_log.h"
#include "settings.h"

#include <hiredis/hiredis.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>
#include <string>

namespace anastig::accounts {

// "Email verification and password-reset tokens are deleted after use or 60 minutes."
constexpr std::chrono::minutes kVerificationTokenTtl{60};  // expect-none
// Reset links stay valid for a day: people ask at night and click in the morning.
constexpr std::chrono::hours kPasswordResetTokenTtl{24};  // expect: privacy-retention user.authorization.credentials.email_token -

namespace {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

}  // namespace

class AuthHandlers {
 public:
  AuthHandlers(PGconn* db, redisContext* redis, mail::ResendMailer& mailer,
               security::SecurityLog& security, crypto::MfaCipher mfa_cipher)
      : db_(db), redis_(redis), mailer_(mailer), security_(security), mfa_cipher_(std::move(mfa_cipher)) {}

  void install(httplib::Server& server) {
    server.Post("/api/auth/signup", [this](const auto& req, auto& res) { signup(req, res); });
    server.Get("/api/auth/verify-email", [this](const auto& req, auto& res) { verify_email(req, res); });
    server.Post("/api/auth/resend-verification", [this](const auto& req, auto& res) { resend_verification(req, res); });
    server.Post("/api/auth/password-reset", [this](const auto& req, auto& res) { request_password_reset(req, res); });
    server.Post("/api/auth/login", [this](const auto& req, auto& res) { login(req, res); });
    server.Post("/api/auth/session/refresh", [this](const auto& req, auto& res) { refresh_session(req, res); });
    server.Post("/api/auth/mfa/enrol", [this](const auto& req, auto& res) { enrol_mfa(req, res); });
    server.Post("/api/account/email", [this](const auto& req, auto& res) { request_email_change(req, res); });
    server.Get("/api/account/email/confirm", [this](const auto& req, auto& res) { confirm_email_change(req, res); });
  }

 private:
  void signup(const httplib::Request& req, httplib::Response& res) {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("email") || !body.contains("password"))
      return reply_json(res, 400, {{"error", "email and password are required"}});
    Account account;
    account.email = body.value("email", "");
    account.name = body.value("name", "");
    account.organization = body.value("organization", "");
    account.country = body.value("country", "");
    account.industry = body.value("industry", "");
    account.intended_use = body.value("intended_use", "");
    account.role = body.value("role", "");
    account.language_preference = body.value("language_preference", "en");
    if (find_by_email(account.email)) {
      // NOLINTNEXTLINE(privacy-log-exposure): support needs the address while ANA-412 is open
      spdlog::warn("signup: duplicate registration attempt for {}", account.email);  // expect-none
      return reply_json(res, 409, {{"error", "account exists"}});
    }

    account.password = crypto::make_django_password(body.value("password", ""));
    const char* params[9] = {account.email.c_str(), account.name.c_str(), account.password.c_str(),
                             account.organization.c_str(), account.country.c_str(), account.industry.c_str(),
                             account.intended_use.c_str(), account.role.c_str(),
                             account.language_preference.c_str()};
    PGresult* inserted = PQexecParams(db_,  // expect-none
                                      "INSERT INTO accounts_user (email, name, password, organization, country, "
                                      "industry, intended_use, role, language_preference, is_active, "
                                      "email_verified, date_joined) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                                      "true, false, now()) RETURNING id",
                                      9, nullptr, params, nullptr, nullptr, 0);
    account.id = std::stoll(PQgetvalue(inserted, 0, 0));
    PQclear(inserted);
    issue_verification(account);  // expect-none
    reply_json(res, 201, {{"id", account.id}});
  }

  void issue_verification(const Account& account) {
    const std::string verification_token = crypto::random_token();
    const std::string token_hash = crypto::sha256_hex(verification_token);
    const std::string user = std::to_string(account.id);
    const std::string ttl_minutes = std::to_string(kVerificationTokenTtl.count());
    const char* params[3] = {user.c_str(), token_hash.c_str(), ttl_minutes.c_str()};
    PGresult* res = PQexecParams(db_,  // expect-none
                                 "INSERT INTO accounts_emailtoken (user_id, purpose, token_hash, expires_at) "
                                 "VALUES ($1::bigint, 'verify_email', $2, now() + make_interval(mins => $3::int))",
                                 3, nullptr, params, nullptr, nullptr, 0);
    PQclear(res);
    const std::string verification_link =
        std::string(settings::kSiteUrl) + "/verify-email?token=" + verification_token;
    mailer_.send_verification(account, verification_link);  // expect-none
  }

  void verify_email(const httplib::Request& req, httplib::Response& res) {
    const std::string token_hash = crypto::sha256_hex(req.get_param_value("token"));
    const char* params[1] = {token_hash.c_str()};
    PGresult* used = PQexecParams(db_,  // expect-none
                                  "DELETE FROM accounts_emailtoken WHERE token_hash = $1 AND purpose = "
                                  "'verify_email' AND expires_at > now() RETURNING user_id",
                                  1, nullptr, params, nullptr, nullptr, 0);
    const std::string user = PQntuples(used) == 1 ? PQgetvalue(used, 0, 0) : "";
    PQclear(used);
    if (user.empty())
      return reply_json(res, 410, {{"error", "link expired or already used"}});
    const char* user_param[1] = {user.c_str()};
    PQclear(PQexecParams(db_, "UPDATE accounts_user SET email_verified = true WHERE id = $1::bigint", 1,
                         nullptr, user_param, nullptr, nullptr, 0));
    reply_json(res, 200, {{"verified", true}});
  }

  // "Didn't get the email?" on the confirmation screen.
  void resend_verification(const httplib::Request& req, httplib::Response& res) {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    const std::optional<Account> account = find_by_email(body.is_object() ? body.value("email", "") : "");
    reply_json(res, 202, {{"status", "queued"}});  // same answer whether or not the account exists
    if (!account || account->email_verified)
      return;
    const std::string verification_token = crypto::random_token();
    const std::string user = std::to_string(account->id);
    const std::string ttl_minutes = std::to_string(kVerificationTokenTtl.count());
    const char* params[3] = {user.c_str(), verification_token.c_str(), ttl_minutes.c_str()};
    PGresult* inserted = PQexecParams(db_,  // expect: privacy-storage-protection user.authorization.credentials.email_token storage
                                      "INSERT INTO accounts_emailtoken (user_id, purpose, token_hash, expires_at) "
                                      "VALUES ($1::bigint, 'verify_email', $2, now() + make_interval(mins => $3::int))",
                                      3, nullptr, params, nullptr, nullptr, 0);
    PQclear(inserted);
    mailer_.send_verification(*account, std::string(settings::kSiteUrl) + "/verify-email?token=" + verification_token);  // expect-none
  }

  void request_password_reset(const httplib::Request& req, httplib::Response& res) {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    const std::optional<Account> account = find_by_email(body.is_object() ? body.value("email", "") : "");
    reply_json(res, 202, {{"status", "queued"}});
    if (!account)
      return;
    const std::string password_reset_token = crypto::random_token();
    const long long ttl_seconds = std::chrono::seconds(kPasswordResetTokenTtl).count();
    auto* reply = static_cast<redisReply*>(redisCommand(  // expect: privacy-storage-protection user.authorization.credentials.email_token storage; privacy-retention user.authorization.credentials.email_token storage
        redis_, "SET pwreset:%s %lld EX %lld", password_reset_token.c_str(),
        static_cast<long long>(account->id), ttl_seconds));
    if (reply != nullptr)
      freeReplyObject(reply);
    const std::string reset_link = std::string(settings::kSiteUrl) + "/reset-password?token=" + password_reset_token;
    mailer_.send_password_reset(account->email, reset_link);  // expect-none
  }

  void login(const httplib::Request& req, httplib::Response& res) {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    const std::string email = body.is_object() ? body.value("email", "") : "";
    const std::string password = body.is_object() ? body.value("password", "") : "";

    // Throttle counter per client address, one-minute window.
    auto* counter = static_cast<redisReply*>(redisCommand(redis_, "INCR throttle:login:%s", req.remote_addr.c_str()));  // expect: privacy-undeclared-category user.device.ip_address storage
    const long long attempts = counter != nullptr ? counter->integer : 0;
    if (counter != nullptr)
      freeReplyObject(counter);
    if (attempts == 1)
      freeReplyObject(redisCommand(redis_, "EXPIRE throttle:login:%s 60", req.remote_addr.c_str()));  // expect: privacy-undeclared-category user.device.ip_address storage
    if (attempts > 10) {
      security_.throttle_hit(0, "/api/auth/login", static_cast<int>(attempts));  // expect-none
      return reply_json(res, 429, {{"error", "too many attempts"}});
    }

    const std::optional<Account> account = find_by_email(email);
    if (!account || !crypto::check_django_password(password, account->password)) {
      security_.failed_login(email, req.remote_addr, req.get_header_value("User-Agent"));  // expect-none
      return reply_json(res, 401, {{"error", "invalid credentials"}});
    }

    const std::string session_key = crypto::random_token();
    auto* stored = static_cast<redisReply*>(redisCommand(  // expect-none
        redis_, "SET session:%s %lld EX 1209600", session_key.c_str(), static_cast<long long>(account->id)));
    if (stored != nullptr)
      freeReplyObject(stored);
    res.set_header("Set-Cookie", "anastig_session=" + session_key + "; HttpOnly; Secure; SameSite=Lax; Path=/");  // expect-none
    // The Django admin pages share the domain, and Django's CsrfViewMiddleware
    // looks for its own csrftoken cookie.
    const std::string csrf_token = crypto::random_token();
    res.set_header("Set-Cookie", "csrftoken=" + csrf_token + "; Secure; SameSite=Lax; Path=/");  // expect: privacy-cookie - cookie:csrftoken
    if (analytics::analytics_allowed(*account))
      analytics::set_analytics_id_cookie(res, account->id);  // expect-none
    spdlog::info("login ok user={} mfa_enabled={}", account->id, account->mfa_enabled);  // expect-none
    reply_json(res, 200, {{"id", account->id}, {"mfa_required", account->mfa_enabled}});
  }

  // The labelling canvas keeps long sessions alive. Its websocket client sends
  // the session key in its first frame, read from document.cookie.
  void refresh_session(const httplib::Request& req, httplib::Response& res) {
    const std::optional<UserId> user_id = session_user(req);
    if (!user_id)
      return reply_json(res, 401, {{"error", "not signed in"}});
    const std::string session_key = crypto::random_token();
    auto* stored = static_cast<redisReply*>(redisCommand(  // expect-none
        redis_, "SET session:%s %lld EX 1209600", session_key.c_str(), static_cast<long long>(*user_id)));
    if (stored != nullptr)
      freeReplyObject(stored);
    res.set_header("Set-Cookie", "anastig_session=" + session_key + "; Secure; SameSite=Lax; Path=/");  // expect: privacy-cookie - cookie:anastig_session
    reply_json(res, 200, {{"refreshed", true}});
  }

  void enrol_mfa(const httplib::Request& req, httplib::Response& res) {
    const std::optional<UserId> user_id = session_user(req);
    if (!user_id)
      return reply_json(res, 401, {{"error", "not signed in"}});
    unsigned char raw[20];
    randombytes_buf(raw, sizeof raw);
    const std::string mfa_secret = crypto::base32(raw, sizeof raw);
    spdlog::debug("mfa: enrolment started for user {} (secret {})", *user_id, mfa_secret);  // expect: privacy-log-exposure user.authorization.credentials.mfa_secret log

    const std::string mfa_secret_enc = mfa_cipher_.encrypt(mfa_secret);
    const std::string user = std::to_string(*user_id);
    const char* params[2] = {mfa_secret_enc.c_str(), user.c_str()};
    PQclear(PQexecParams(db_,  // expect-none
                         "UPDATE accounts_user SET mfa_secret_enc = $1, mfa_enabled = false WHERE id = $2::bigint",
                         2, nullptr, params, nullptr, nullptr, 0));
    reply_json(res, 200, {{"otpauth_uri", "otpauth://totp/Anastig:" + user + "?secret=" + mfa_secret + "&issuer=Anastig"}});
  }

  // A new sign-in address: the link goes to the new address, and the pending
  // change waits in Redis, under the token's SHA-256, for the link's 60 minutes.
  void request_email_change(const httplib::Request& req, httplib::Response& res) {
    const std::optional<UserId> user_id = session_user(req);
    if (!user_id)
      return reply_json(res, 401, {{"error", "not signed in"}});
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    const std::string new_email = body.is_object() ? body.value("email", "") : "";
    if (new_email.empty() || find_by_email(new_email))
      return reply_json(res, 409, {{"error", "address unavailable"}});
    const std::string verification_token = crypto::random_token();
    const std::string token_hash = crypto::sha256_hex(verification_token);
    auto* pending = static_cast<redisReply*>(redisCommand(  // expect-none
        redis_, "SETEX email_change:%s 3600 %lld:%s", token_hash.c_str(), static_cast<long long>(*user_id),
        new_email.c_str()));
    if (pending != nullptr)
      freeReplyObject(pending);
    Account recipient;
    recipient.id = *user_id;
    recipient.email = new_email;
    mailer_.send_verification(recipient, std::string(settings::kSiteUrl) + "/confirm-email?token=" + verification_token);  // expect-none
    reply_json(res, 202, {{"status", "sent"}});
  }

  void confirm_email_change(const httplib::Request& req, httplib::Response& res) {
    const std::string token_hash = crypto::sha256_hex(req.get_param_value("token"));
    auto* pending = static_cast<redisReply*>(redisCommand(redis_, "GETDEL email_change:%s", token_hash.c_str()));  // expect-none
    std::string change;
    if (pending != nullptr && pending->type == REDIS_REPLY_STRING)
      change.assign(pending->str, pending->len);
    if (pending != nullptr)
      freeReplyObject(pending);
    const auto colon = change.find(':');
    if (colon == std::string::npos)
      return reply_json(res, 410, {{"error", "link expired or already used"}});
    const std::string user = change.substr(0, colon);
    const std::string new_email = change.substr(colon + 1);
    const char* params[2] = {new_email.c_str(), user.c_str()};
    PQclear(PQexecParams(db_,  // expect-none
                         "UPDATE accounts_user SET email = $1, email_verified = true WHERE id = $2::bigint", 2,
                         nullptr, params, nullptr, nullptr, 0));
    reply_json(res, 200, {{"email", new_email}});
  }

  std::optional<UserId> session_user(const httplib::Request& req) {
    const std::string cookie = req.get_header_value("Cookie");
    const auto start = cookie.find("anastig_session=");
    if (start == std::string::npos)
      return std::nullopt;
    const std::string session_key = cookie.substr(start + 16, cookie.find(';', start) - start - 16);
    auto* reply = static_cast<redisReply*>(redisCommand(redis_, "GET session:%s", session_key.c_str()));  // expect-none
    std::optional<UserId> user_id;
    if (reply != nullptr && reply->type == REDIS_REPLY_STRING)
      user_id = std::stoll(std::string(reply->str, reply->len));
    if (reply != nullptr)
      freeReplyObject(reply);
    return user_id;
  }

  std::optional<Account> find_by_email(const std::string& email) {
    const char* params[1] = {email.c_str()};
    PGresult* res = PQexecParams(db_,  // expect-none
                                 "SELECT id, email, name, password, email_verified, mfa_enabled, analytics_opt_in "
                                 "FROM accounts_user WHERE lower(email) = lower($1) AND is_active",
                                 1, nullptr, params, nullptr, nullptr, 0);
    std::optional<Account> account;
    if (PQntuples(res) == 1) {
      account.emplace();
      account->id = std::stoll(PQgetvalue(res, 0, 0));
      account->email = PQgetvalue(res, 0, 1);
      account->name = PQgetvalue(res, 0, 2);
      account->password = PQgetvalue(res, 0, 3);
      account->email_verified = PQgetvalue(res, 0, 4)[0] == 't';
      account->mfa_enabled = PQgetvalue(res, 0, 5)[0] == 't';
      account->analytics_opt_in = PQgetvalue(res, 0, 6)[0] == 't';
    }
    PQclear(res);
    return account;
  }

  PGconn* db_;
  redisContext* redis_;
  mail::ResendMailer& mailer_;
  security::SecurityLog& security_;
  crypto::MfaCipher mfa_cipher_;
};

}  // namespace anastig::accounts
