// PostgreSQL repositories (libpqxx; libpq for the API-token hot path) and the
// Redis token cache. Migrations live in db/migrations.
#include <sstream>
#include <stdexcept>
#include <string>

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "services.h"

namespace mixlens {

// --- users ---------------------------------------------------------------------------------------

int64_t UserRepository::create(const std::string& email, const std::string& display_name,
                               const std::string& password_hash) {
  pqxx::work tx(conn_);
  const pqxx::row row = tx.exec_params1("INSERT INTO users (email, display_name, password_hash, plan) VALUES ($1, $2, $3, 'free') RETURNING id", email, display_name, password_hash);  // expect-none
  tx.commit();
  return row[0].as<int64_t>();
}

std::optional<User> UserRepository::find(int64_t user_id) {
  pqxx::read_transaction tx(conn_);
  const pqxx::result rows = tx.exec_params(
      "SELECT id, email, display_name, password_hash, plan, coalesce(stripe_customer_id, ''), "
      "marketing_opt_in, analytics_opt_out FROM users WHERE id = $1",
      user_id);
  if (rows.empty()) return std::nullopt;
  User user;
  user.id = rows[0][0].as<int64_t>();
  user.email = rows[0][1].as<std::string>();
  user.display_name = rows[0][2].as<std::string>();
  user.password_hash = rows[0][3].as<std::string>();
  const std::string plan = rows[0][4].as<std::string>();
  user.plan = plan == "studio" ? Plan::Studio : plan == "pro" ? Plan::Pro : Plan::Free;
  user.stripe_customer_id = rows[0][5].as<std::string>();
  user.marketing_opt_in = rows[0][6].as<bool>();
  user.analytics_opt_out = rows[0][7].as<bool>();
  return user;
}

std::optional<User> UserRepository::find_by_email(const std::string& email) {
  pqxx::read_transaction tx(conn_);
  const pqxx::result rows = tx.exec_params("SELECT id FROM users WHERE lower(email) = lower($1)", email);  // expect-none
  if (rows.empty()) return std::nullopt;
  return find(rows[0][0].as<int64_t>());
}

void UserRepository::save_stripe_customer(int64_t user_id, const std::string& stripe_customer_id) {
  pqxx::work tx(conn_);
  tx.exec_params("UPDATE users SET stripe_customer_id = $1 WHERE id = $2", stripe_customer_id, user_id);  // expect-none
  tx.commit();
}

// /account/email-preferences
void UserRepository::set_marketing_opt_in(int64_t user_id, bool marketing_opt_in) {
  pqxx::work tx(conn_);
  tx.exec_params("UPDATE users SET marketing_opt_in = $1, consent_updated_at = now() WHERE id = $2", marketing_opt_in, user_id);  // expect-none
  tx.commit();
}

// /account/analytics
void UserRepository::set_analytics_opt_out(int64_t user_id, bool analytics_opt_out) {
  pqxx::work tx(conn_);
  tx.exec_params("UPDATE users SET analytics_opt_out = $1, consent_updated_at = now() WHERE id = $2", analytics_opt_out, user_id);  // expect-none
  tx.commit();
}

void UserRepository::record_session(int64_t user_id, const std::string& session_token_sha256,
                                    const std::string& ip_address, const std::string& user_agent) {
  pqxx::work tx(conn_);
  tx.exec_params("INSERT INTO sessions (user_id, token_sha256, ip_address, user_agent, created_at) VALUES ($1, $2, $3, $4, now())", user_id, session_token_sha256, ip_address, user_agent);  // expect: privacy-undeclared-category user.device.ip_address storage
  tx.commit();
}

// --- uploads and analyses ------------------------------------------------------------------------

int64_t UploadRepository::create(const Upload& upload) {
  pqxx::work tx(conn_);
  const pqxx::row row = tx.exec_params1(  // expect: privacy-not-collected user.content.audio_fingerprint storage
      "INSERT INTO uploads (user_id, object_key, filename, content_type, size_bytes, "
      "audio_fingerprint, plan, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now()) "
      "RETURNING id",
      upload.user_id, upload.object_key, upload.filename, upload.content_type, upload.size_bytes,
      upload.audio_fingerprint, plan_name(upload.plan));
  tx.commit();
  return row[0].as<int64_t>();
}

std::vector<Upload> UploadRepository::older_than(Plan plan, long hours) {
  pqxx::read_transaction tx(conn_);
  const pqxx::result rows = tx.exec_params(
      "SELECT id, user_id, object_key FROM uploads WHERE plan = $1 AND deleted_at IS NULL "
      "AND created_at < now() - make_interval(hours => $2)",
      plan_name(plan), hours);
  std::vector<Upload> uploads;
  for (const auto& row : rows) {
    Upload upload;
    upload.id = row[0].as<int64_t>();
    upload.user_id = row[1].as<int64_t>();
    upload.object_key = row[2].as<std::string>();
    upload.plan = plan;
    uploads.push_back(upload);
  }
  return uploads;
}

void UploadRepository::mark_deleted(int64_t upload_id) {
  pqxx::work tx(conn_);
  tx.exec_params("UPDATE uploads SET deleted_at = now() WHERE id = $1", upload_id);
  tx.commit();
}

void UploadRepository::save_analysis(const Analysis& analysis) {
  pqxx::work tx(conn_);
  tx.exec_params("INSERT INTO analyses (upload_id, user_id, score, integrated_lufs, true_peak, loudness_range, diagnostics, corrective_steps, render_key) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)", analysis.upload_id, analysis.user_id, analysis.score, analysis.integrated_lufs, analysis.true_peak, analysis.loudness_range, analysis.diagnostics.dump(), analysis.corrective_steps.dump(), analysis.render_key);  // expect-none
  tx.commit();
}

// --- webhooks ------------------------------------------------------------------------------------

int64_t WebhookRepository::create(int64_t user_id, const std::string& url,
                                  const std::string& webhook_secret,
                                  const std::vector<std::string>& events) {
  std::ostringstream joined;
  for (std::size_t i = 0; i < events.size(); ++i) joined << (i ? "," : "") << events[i];
  pqxx::work tx(conn_);
  // The secret is needed in clear to sign deliveries (see webhooks::Dispatcher).
  const pqxx::row row = tx.exec_params1("INSERT INTO webhooks (user_id, url, secret, events) VALUES ($1, $2, $3, string_to_array($4, ',')) RETURNING id", user_id, url, webhook_secret, joined.str());  // expect: privacy-storage-protection user.authorization.credentials.webhook_secret storage
  tx.commit();
  return row[0].as<int64_t>();
}

std::vector<Webhook> WebhookRepository::for_event(int64_t user_id, const std::string& event) {
  pqxx::read_transaction tx(conn_);
  const pqxx::result rows = tx.exec_params(
      "SELECT id, url, secret FROM webhooks WHERE user_id = $1 AND $2 = ANY(events) "
      "AND disabled_at IS NULL",
      user_id, event);
  std::vector<Webhook> hooks;
  for (const auto& row : rows) {
    Webhook hook;
    hook.id = row[0].as<int64_t>();
    hook.user_id = user_id;
    hook.url = row[1].as<std::string>();
    hook.webhook_secret = row[2].as<std::string>();
    hooks.push_back(hook);
  }
  return hooks;
}

// --- API tokens (libpq) ---------------------------------------------------------------------------

bool ApiTokenRepository::insert(int64_t user_id, const std::string& label,
                                const std::string& token_sha256) {
  const std::string uid = std::to_string(user_id);
  const char* values[3] = {uid.c_str(), label.c_str(), token_sha256.c_str()};
  PGresult* res = PQexecParams(conn_, "INSERT INTO api_tokens (user_id, label, token_sha256, created_at) VALUES ($1, $2, $3, now())", 3, nullptr, values, nullptr, nullptr, 0);  // expect-none
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  if (!ok) spdlog::error("api token insert failed: {}", PQerrorMessage(conn_));
  PQclear(res);
  return ok;
}

std::optional<int64_t> ApiTokenRepository::user_for_digest(const std::string& token_sha256) {
  const char* values[1] = {token_sha256.c_str()};
  PGresult* res = PQexecParams(conn_,  // expect-none
                               "UPDATE api_tokens SET last_used_at = now() "
                               "WHERE token_sha256 = $1 AND revoked_at IS NULL RETURNING user_id",
                               1, nullptr, values, nullptr, nullptr, 0);
  std::optional<int64_t> user_id;
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
    user_id = std::stoll(PQgetvalue(res, 0, 0));
  }
  PQclear(res);
  return user_id;
}

// "Recent activity" at /account/tokens tells the user's tokens apart by a short
// checksum, so that the table does not hold the tokens themselves.
void ApiTokenRepository::record_use(const std::string& api_token, const std::string& route) {
  const std::string token_md5 = crypto::md5_hex(api_token);
  const char* values[2] = {token_md5.c_str(), route.c_str()};
  PGresult* res = PQexecParams(conn_, "INSERT INTO api_token_uses (token_md5, route, used_at) VALUES ($1, $2, now())", 2, nullptr, values, nullptr, nullptr, 0);  // expect: privacy-storage-protection user.authorization.credentials.api_token storage
  if (PQresultStatus(res) != PGRES_COMMAND_OK) spdlog::warn("api token use not recorded: {}", PQerrorMessage(conn_));
  PQclear(res);
}

// --- token cache (Redis) -------------------------------------------------------------------------

TokenCache::TokenCache(const std::string& host, int port) {
  redis_ = redisConnect(host.c_str(), port);
  if (redis_ == nullptr || redis_->err) throw std::runtime_error("cannot connect to redis");
}

TokenCache::~TokenCache() {
  if (redis_ != nullptr) redisFree(redis_);
}

// Write-through entry for the realtime gateway, which authenticates websocket
// connections by reading apitoken:<token> instead of querying Postgres.
void TokenCache::remember(const std::string& api_token, int64_t user_id) {
  auto* reply = static_cast<redisReply*>(redisCommand(redis_, "SET apitoken:%s %lld EX 300", api_token.c_str(), static_cast<long long>(user_id)));  // expect: privacy-storage-protection user.authorization.credentials.api_token storage
  if (reply != nullptr) freeReplyObject(reply);
}

}  // namespace mixlens
