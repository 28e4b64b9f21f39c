// MixLens components: crypto helpers, repositories, vendor integrations.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "models.h"

namespace httplib {
struct Request;
}  // namespace httplib

namespace mixlens {

// --- privacy.cpp: the visitor's analytics choice ---------------------------------------------
namespace privacy {
// True when product analytics (PostHog, and its ph_* cookies) may run for this
// request: the browser sent no Do-Not-Track or Global Privacy Control signal,
// and the signed-in account, if any, has not switched analytics off.
bool analytics_allowed(const httplib::Request& req, const std::optional<User>& user);
// For background jobs acting on an account (no browser involved): the
// account's own switch.
bool analytics_allowed(const User& user);
}  // namespace privacy

// --- crypto.cpp ---------------------------------------------------------------------------
namespace crypto {
std::string sha256_hex(const std::string& data);
// Short hex checksums (ETags, cache keys, fingerprints).
std::string md5_hex(const std::string& data);
std::string hmac_sha256_hex(const std::string& key, const std::string& message);
std::string hmac_sha256_raw(const std::string& key, const std::string& message);
std::string hash_password(const std::string& password);
bool verify_password(const std::string& password_hash, const std::string& password);
// A new random secret: `prefix` followed by 32 random bytes in hex.
std::string random_secret(const std::string& prefix);
bool constant_time_equal(const std::string& a, const std::string& b);
bool self_test();
}  // namespace crypto

// --- db.cpp: PostgreSQL through libpqxx, API tokens through libpq, Redis cache ---------------
class UserRepository {
 public:
  explicit UserRepository(pqxx::connection& conn) : conn_(conn) {}
  int64_t create(const std::string& email, const std::string& display_name,
                 const std::string& password_hash);
  std::optional<User> find(int64_t user_id);
  std::optional<User> find_by_email(const std::string& email);
  void save_stripe_customer(int64_t user_id, const std::string& stripe_customer_id);
  void set_marketing_opt_in(int64_t user_id, bool marketing_opt_in);
  void set_analytics_opt_out(int64_t user_id, bool analytics_opt_out);
  void record_session(int64_t user_id, const std::string& session_token_sha256,
                      const std::string& ip_address, const std::string& user_agent);

 private:
  pqxx::connection& conn_;
};

class UploadRepository {
 public:
  explicit UploadRepository(pqxx::connection& conn) : conn_(conn) {}
  int64_t create(const Upload& upload);
  std::vector<Upload> older_than(Plan plan, long hours);
  void mark_deleted(int64_t upload_id);
  void save_analysis(const Analysis& analysis);

 private:
  pqxx::connection& conn_;
};

class WebhookRepository {
 public:
  explicit WebhookRepository(pqxx::connection& conn) : conn_(conn) {}
  int64_t create(int64_t user_id, const std::string& url, const std::string& webhook_secret,
                 const std::vector<std::string>& events);
  std::vector<Webhook> for_event(int64_t user_id, const std::string& event);

 private:
  pqxx::connection& conn_;
};

// API tokens are kept only as SHA-256 digests (libpq, hot path of every API call).
class ApiTokenRepository {
 public:
  explicit ApiTokenRepository(PGconn* conn) : conn_(conn) {}
  bool insert(int64_t user_id, const std::string& label, const std::string& token_sha256);
  std::optional<int64_t> user_for_digest(const std::string& token_sha256);
  // One row per authenticated API call, for the "recent activity" list at /account/tokens.
  void record_use(const std::string& api_token, const std::string& route);

 private:
  PGconn* conn_;
};

// Short-lived token entries shared with the realtime gateway.
class TokenCache {
 public:
  TokenCache(const std::string& host, int port);
  ~TokenCache();
  void remember(const std::string& api_token, int64_t user_id);

 private:
  redisContext* redis_ = nullptr;
};

// --- analytics.cpp: PostHog, Segment, Sentry ----------------------------------------------------
namespace analytics {
// Sends an anonymized usage event to PostHog. The caller asks
// privacy::analytics_allowed first.
void track(const std::string& event, const nlohmann::json& properties);
// A $pageview of a server-rendered page; asks privacy::analytics_allowed itself.
void track_page_view(const httplib::Request& req, const std::optional<User>& user,
                     const std::string& page);
// Which variant of an experiment a page was rendered with.
void record_experiment_exposure(const httplib::Request& req, const std::optional<User>& user,
                                const std::string& flag, const std::string& variant);
// The account's analytics switch at /account/analytics changed.
void analytics_choice_changed(const httplib::Request& req, const User& user);
// Render funnel: the web app reports a download; the worker reports a finished render.
void render_downloaded(const httplib::Request& req, const User& user);
void render_finished(const User& user);
void report_revenue(Plan plan, long amount_cents);
void init_error_reporting();
void identify_for_errors(const User& user);
void report_error(const std::string& stage, const std::string& message);
}  // namespace analytics

// --- billing.cpp: Stripe ----------------------------------------------------------------------------
namespace billing {
std::optional<std::string> create_customer(const User& user);
bool start_subscription(const std::string& stripe_customer_id, Plan plan);
bool attach_card(const std::string& stripe_customer_id, const CardInput& card);
bool verify_stripe_signature(const std::string& payload, const std::string& signature_header);
}  // namespace billing

// --- uploads.cpp: Cloudflare R2, analysis worker, retention reaper -------------------------------------
class R2Client {
 public:
  R2Client();
  std::string presign_put(const std::string& object_key, const std::string& content_type) const;
  bool put_object(const std::string& object_key, const std::string& body,
                  const std::vector<std::string>& extra_headers) const;
  std::optional<std::string> get_object(const std::string& object_key) const;
  bool delete_object(const std::string& object_key) const;

 private:
  std::vector<std::string> sign(const std::string& method, const std::string& object_key,
                                const std::string& payload_hash) const;
  std::string endpoint_;
  std::string access_key_id_;
  std::string secret_access_key_;
};

// --- notify.cpp: webhooks and email -------------------------------------------------------------------
namespace webhooks {
class Dispatcher {
 public:
  // POSTs `payload` to the webhook's URL, signed with its secret.
  bool deliver(const Webhook& hook, const std::string& payload) const;
};
void analysis_complete(WebhookRepository& hooks, const Analysis& analysis);
void render_complete(WebhookRepository& hooks, const User& user, const Analysis& analysis,
                     const std::string& download_url);
}  // namespace webhooks

class Mailer {
 public:
  bool send(const std::string& recipient_email, const std::string& subject,
            const std::string& html) const;
};
bool store_reference_audio(const R2Client& r2, const Upload& upload,
                           const std::string& reference_audio);
void process_upload(UploadRepository& uploads, WebhookRepository& hooks, const R2Client& r2,
                    const Mailer& mailer, const User& user, const Upload& upload);
int reap_expired_audio(UploadRepository& uploads, const R2Client& r2);

void send_analysis_ready(const Mailer& mailer, const User& user, const Analysis& analysis);
int send_weekly_digest(const Mailer& mailer, const std::vector<User>& subscribers);

}  // namespace mixlens
