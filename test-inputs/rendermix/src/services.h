// RenderMix service components: storage, sessions, outbound clients.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <hiredis/hiredis.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "models.h"

namespace rendermix {

// --- SQLite storage (storage.cpp) ----------------------------------------------

class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}
  std::optional<User> find_by_email(const std::string& email);
  std::optional<User> find_by_id(int64_t user_id);
  int64_t create(const NewUser& user);
  void mark_verified(int64_t user_id);
  void set_sealed_totp_secret(int64_t user_id, const std::string& sealed_totp_secret);
  bool reset_password(const std::string& reset_token, const std::string& new_password);
  // Returns a one-time reset token; only its SHA-256 is kept.
  std::string issue_reset_token(int64_t user_id);
  void change_password(int64_t user_id, const std::string& new_password);
  void set_temporary_password(int64_t user_id, const std::string& temporary_password);

 private:
  Database& db_;
};

class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}
  void record(const AuditEvent& audit_event);
  void record_login_attempt(std::optional<int64_t> user_id, const std::string& ip_address,
                            bool succeeded);

 private:
  Database& db_;
};

class JobRepository {
 public:
  explicit JobRepository(Database& db) : db_(db) {}
  int64_t insert(const GenerationRequest& request, const std::string& provider_job_id);
  void record_output(int64_t job_id, const std::string& output_path);
  void store_timing(const BrowserTiming& timing);

 private:
  Database& db_;
};

class InvoiceRepository {
 public:
  explicit InvoiceRepository(Database& db) : db_(db) {}
  int64_t create(int64_t user_id, const std::string& deposit_address, double amount_xmr);
  void mark_paid(int64_t invoice_id, const std::string& tx_hash);
  void save_kyc(const KycRecord& record);

 private:
  Database& db_;
};

// --- Authentication (auth.cpp) -------------------------------------------------

std::string hash_password(const std::string& password);
bool verify_password(const std::string& password_hash, const std::string& password);
std::string random_token_hex(std::size_t bytes);
std::string seal_totp_secret(const std::string& totp_secret);
// Hex SHA-256, for values that are not passwords (reset tokens).
std::string sha256_hex(const std::string& text);

class SessionStore {
 public:
  SessionStore(const std::string& host, int port);
  ~SessionStore();
  std::string create(int64_t user_id);
  std::optional<int64_t> lookup(const std::string& session_token);
  void destroy(const std::string& session_token);
  // "Keep me signed in": a 30-day token that opens a new session.
  std::string remember(int64_t user_id);
  void forget(const std::string& remember_token);

 private:
  redisContext* redis_ = nullptr;
};

// Starts TOTP enrollment; returns the otpauth:// URI the console shows as a QR code.
std::string begin_totp_enrollment(UserRepository& users, const User& user);

// --- Civitai (civitai.cpp) -------------------------------------------------------

class CivitaiClient {
 public:
  explicit CivitaiClient(std::string api_key);
  // Returns the provider's job handle, or an empty string on failure.
  std::string submit(const GenerationRequest& request, const std::string& client_ip);
  std::optional<std::string> fetch_output(const std::string& provider_job_id);
  bool prompt_allowed(const std::string& prompt);

 private:
  std::string api_key_;
};

// --- Email through Resend (mailer.cpp) -------------------------------------------

class Mailer {
 public:
  bool send_verification(const std::string& email, const std::string& verification_link);
  bool send_login_alert(const User& user, const std::string& ip_address,
                        const std::string& user_agent);
};

}  // namespace rendermix
