// Anastig: the staff console's account actions. Sales onboards enterprise
// customers by creating their accounts; the customer then gets a "set your
// password" link by email.
//
// "Sensitive administrative actions are gated, audited, and require a reason
// string of record." Staff sessions are checked against Redis, and every
// action writes its reason to staff_audit.
#include "crypto/secrets.h"
#include "mail/resend_mailer.h"
#include "models.h"
#include "settings.h"

#include <hiredis/hiredis.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <cstdio>
#include <optional>
#include <string>

namespace anastig::accounts {

namespace {

void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// The old staff tool still honours invite links and looks them up with
// Postgres md5(token), so invite tokens are kept in that form.
std::string legacy_token_hash(const std::string& token) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(token.data(), token.size(), digest, &len, EVP_md5(), nullptr);
  char hex[2 * EVP_MAX_MD_SIZE + 1];
  for (unsigned int i = 0; i < len; ++i)
    std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
  return std::string(hex, 2 * len);
}

}  // namespace

class StaffConsole {
 public:
  StaffConsole(PGconn* db, redisContext* redis, mail::ResendMailer& mailer)
      : db_(db), redis_(redis), mailer_(mailer) {}

  void install(httplib::Server& server) {
    server.Post("/staff/api/accounts", [this](const auto& req, auto& res) { create_account(req, res); });
  }

 private:
  std::optional<UserId> staff_user(const httplib::Request& req) {
    const std::string staff_key = req.get_header_value("X-Staff-Session");
    auto* reply = static_cast<redisReply*>(redisCommand(redis_, "GET staff_session:%s", staff_key.c_str()));  // expect-none
    std::optional<UserId> staff_id;
    if (reply != nullptr && reply->type == REDIS_REPLY_STRING)
      staff_id = std::stoll(std::string(reply->str, reply->len));
    if (reply != nullptr)
      freeReplyObject(reply);
    return staff_id;
  }

  void create_account(const httplib::Request& req, httplib::Response& res) {
    const std::optional<UserId> staff_id = staff_user(req);
    if (!staff_id)
      return reply_json(res, 403, {{"error", "staff only"}});
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("email"))
      return reply_json(res, 400, {{"error", "email is required"}});
    const std::string audit_reason = body.value("reason", "");
    if (audit_reason.empty())
      return reply_json(res, 400, {{"error", "a reason is required"}});

    Account account;
    account.email = body.value("email", "");
    account.name = body.value("name", "");
    account.organization = body.value("organization", "");
    account.country = body.value("country", "");
    // Sales picks a first password for the onboarding call; the customer
    // replaces it through the link below.
    const std::string password = body.value("password", crypto::random_token(12));
    account.password = crypto::sha256_hex(password);
    const char* params[5] = {account.email.c_str(), account.name.c_str(), account.password.c_str(),
                             account.organization.c_str(), account.country.c_str()};
    PGresult* inserted = PQexecParams(db_,  // expect: privacy-storage-protection user.authorization.password storage
                                      "INSERT INTO accounts_user (email, name, password, organization, country, "
                                      "is_active, email_verified, date_joined) VALUES ($1, $2, $3, $4, $5, true, "
                                      "true, now()) RETURNING id",
                                      5, nullptr, params, nullptr, nullptr, 0);
    if (PQntuples(inserted) != 1) {
      PQclear(inserted);
      return reply_json(res, 409, {{"error", "account exists"}});
    }
    account.id = std::stoll(PQgetvalue(inserted, 0, 0));
    PQclear(inserted);

    const std::string staff = std::to_string(*staff_id);
    const std::string user = std::to_string(account.id);
    const char* audit_params[3] = {staff.c_str(), user.c_str(), audit_reason.c_str()};
    PQclear(PQexecParams(db_,  // expect-none
                         "INSERT INTO staff_audit (staff_id, action, target_user_id, reason, at) "
                         "VALUES ($1::bigint, 'create_account', $2::bigint, $3, now())",
                         3, nullptr, audit_params, nullptr, nullptr, 0));

    // The "set your password" link: a password-reset token, 60 minutes.
    const std::string reset_token = crypto::random_token();
    const std::string token_hash = legacy_token_hash(reset_token);
    const char* token_params[2] = {user.c_str(), token_hash.c_str()};
    PQclear(PQexecParams(db_,  // expect: privacy-storage-protection user.authorization.credentials.email_token storage
                         "INSERT INTO accounts_emailtoken (user_id, purpose, token_hash, expires_at) "
                         "VALUES ($1::bigint, 'password_reset', $2, now() + interval '60 minutes')",
                         2, nullptr, token_params, nullptr, nullptr, 0));
    mailer_.send_password_reset(account.email, std::string(settings::kSiteUrl) + "/reset-password?token=" + reset_token);  // expect-none
    reply_json(res, 201, {{"id", account.id}});
  }

  PGconn* db_;
  redisContext* redis_;
  mail::ResendMailer& mailer_;
};

}  // namespace anastig::accounts
