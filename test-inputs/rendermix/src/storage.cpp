// SQLite repositories. The schema lives in migrations/*.sql.
#include <stdexcept>
#include <string>

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "services.h"

namespace rendermix {

namespace {

// Prepared statement that finalizes itself.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }
  bool step_done() { return sqlite3_step(stmt_) == SQLITE_DONE; }
  bool step_row() { return sqlite3_step(stmt_) == SQLITE_ROW; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

std::string column_text(sqlite3_stmt* stmt, int col) {
  const unsigned char* text = sqlite3_column_text(stmt, col);
  return text ? reinterpret_cast<const char*>(text) : "";
}

// One row of `SELECT id, email, password_hash, email_verified, totp_secret_sealed, created_at`.
User read_user(sqlite3_stmt* stmt) {
  User user;
  user.id = sqlite3_column_int64(stmt, 0);
  user.email = column_text(stmt, 1);
  user.password_hash = column_text(stmt, 2);
  user.email_verified = sqlite3_column_int(stmt, 3) != 0;
  if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
    user.sealed_totp_secret = column_text(stmt, 4);
  }
  user.created_at = column_text(stmt, 5);
  return user;
}

}  // namespace

Database::Database(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    throw std::runtime_error("cannot open database " + path);
  }
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", nullptr, nullptr,
               nullptr);
}

Database::~Database() { sqlite3_close(db_); }

// --- users -------------------------------------------------------------------------

std::optional<User> UserRepository::find_by_email(const std::string& email) {
  Statement st(db_.handle(),
               "SELECT id, email, password_hash, email_verified, totp_secret_sealed, created_at "
               "FROM users WHERE email = ?1");
  sqlite3_bind_text(st.get(), 1, email.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  if (!st.step_row()) return std::nullopt;
  return read_user(st.get());
}

std::optional<User> UserRepository::find_by_id(int64_t user_id) {
  Statement st(db_.handle(),
               "SELECT id, email, password_hash, email_verified, totp_secret_sealed, created_at "
               "FROM users WHERE id = ?1");
  sqlite3_bind_int64(st.get(), 1, user_id);
  if (!st.step_row()) return std::nullopt;
  return read_user(st.get());
}

int64_t UserRepository::create(const NewUser& user) {
  Statement st(db_.handle(),
               "INSERT INTO users (email, password_hash, birth_date, created_at) "
               "VALUES (?1, ?2, ?3, datetime('now'))");
  sqlite3_bind_text(st.get(), 1, user.email.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_text(st.get(), 2, user.password_hash.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_text(st.get(), 3, user.birth_date.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-undeclared-category user.demographic.date_of_birth storage
  if (!st.step_done()) throw std::runtime_error(sqlite3_errmsg(db_.handle()));
  return sqlite3_last_insert_rowid(db_.handle());
}

void UserRepository::mark_verified(int64_t user_id) {
  Statement st(db_.handle(), "UPDATE users SET email_verified = 1 WHERE id = ?1");
  sqlite3_bind_int64(st.get(), 1, user_id);
  st.step_done();
}

void UserRepository::set_sealed_totp_secret(int64_t user_id,
                                            const std::string& sealed_totp_secret) {
  Statement st(db_.handle(), "UPDATE users SET totp_secret_sealed = ?1 WHERE id = ?2");
  sqlite3_bind_text(st.get(), 1, sealed_totp_secret.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_int64(st.get(), 2, user_id);
  st.step_done();
}

// A reset token for the support console to hand to a locked-out user (30 minutes). Only
// its SHA-256 is kept: a copy of the database resets no passwords.
std::string UserRepository::issue_reset_token(int64_t user_id) {
  const std::string password_reset_token = random_token_hex(24);
  const std::string reset_token_digest = sha256_hex(password_reset_token);
  Statement st(db_.handle(),
               "UPDATE users SET reset_token = ?1, "
               "reset_expires_at = datetime('now', '+30 minutes') WHERE id = ?2");
  sqlite3_bind_text(st.get(), 1, reset_token_digest.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_int64(st.get(), 2, user_id);
  if (!st.step_done()) throw std::runtime_error(sqlite3_errmsg(db_.handle()));
  return password_reset_token;
}

// Consumes a reset token issued by issue_reset_token and sets the new password.
bool UserRepository::reset_password(const std::string& reset_token,
                                    const std::string& new_password) {
  Statement st(db_.handle(),
               "UPDATE users SET password_hash = ?1, reset_token = NULL "
               "WHERE reset_token = ?2 AND reset_expires_at > datetime('now')");
  sqlite3_bind_text(st.get(), 1, new_password.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-storage-protection user.authorization.password storage
  sqlite3_bind_text(st.get(), 2, sha256_hex(reset_token).c_str(), -1, SQLITE_TRANSIENT);
  st.step_done();
  return sqlite3_changes(db_.handle()) == 1;
}

// The signed-in user's new password; also ends a temporary password.
void UserRepository::change_password(int64_t user_id, const std::string& new_password) {
  Statement st(db_.handle(),
               "UPDATE users SET password_hash = ?1, must_change_password = 0 WHERE id = ?2");
  sqlite3_bind_text(st.get(), 1, hash_password(new_password).c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_int64(st.get(), 2, user_id);
  if (!st.step_done()) throw std::runtime_error(sqlite3_errmsg(db_.handle()));
}

// Support console: a temporary password the user is asked to change at the next sign-in.
// Written for the 2.1 support macro, before the scrypt port.
void UserRepository::set_temporary_password(int64_t user_id,
                                            const std::string& temporary_password) {
  Statement st(db_.handle(),
               "UPDATE users SET password_hash = ?1, must_change_password = 1, "
               "reset_token = NULL WHERE id = ?2");
  sqlite3_bind_text(st.get(), 1, sha256_hex(temporary_password).c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-storage-protection user.authorization.password storage
  sqlite3_bind_int64(st.get(), 2, user_id);
  st.step_done();
}

// --- audit trail ----------------------------------------------------------------------

void AuditLog::record(const AuditEvent& audit_event) {
  Statement st(db_.handle(),
               "INSERT INTO audit_events (user_id, event, ip_address, detail, created_at) "
               "VALUES (?1, ?2, ?3, ?4, datetime('now'))");
  sqlite3_bind_int64(st.get(), 1, audit_event.user_id);
  sqlite3_bind_text(st.get(), 2, audit_event.event.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.get(), 3, audit_event.ip_address.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_text(st.get(), 4, audit_event.detail.c_str(), -1, SQLITE_TRANSIENT);
  if (!st.step_done()) spdlog::error("audit insert failed: {}", sqlite3_errmsg(db_.handle()));
}

void AuditLog::record_login_attempt(std::optional<int64_t> user_id, const std::string& ip_address,
                                    bool succeeded) {
  Statement st(db_.handle(),
               "INSERT INTO login_attempts (user_id, ip_address, succeeded, attempted_at) "
               "VALUES (?1, ?2, ?3, datetime('now'))");
  if (user_id) sqlite3_bind_int64(st.get(), 1, *user_id);
  else sqlite3_bind_null(st.get(), 1);
  sqlite3_bind_text(st.get(), 2, ip_address.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st.get(), 3, succeeded ? 1 : 0);
  st.step_done();
}

// --- jobs and outputs --------------------------------------------------------------------

int64_t JobRepository::insert(const GenerationRequest& request,
                              const std::string& provider_job_id) {
  Statement st(db_.handle(),
               "INSERT INTO jobs (user_id, provider_job_id, prompt, negative_prompt, gen_params, "
               "model_urn, status, job_created_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued', datetime('now'))");
  const std::string params_json = request.gen_params.dump();
  sqlite3_bind_int64(st.get(), 1, request.user_id);
  sqlite3_bind_text(st.get(), 2, provider_job_id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.get(), 3, request.prompt.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_text(st.get(), 4, request.negative_prompt.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.get(), 5, params_json.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st.get(), 6, request.model_urn.c_str(), -1, SQLITE_TRANSIENT);
  if (!st.step_done()) throw std::runtime_error(sqlite3_errmsg(db_.handle()));
  return sqlite3_last_insert_rowid(db_.handle());
}

void JobRepository::record_output(int64_t job_id, const std::string& output_path) {
  Statement st(db_.handle(),
               "UPDATE jobs SET status = 'succeeded', output_path = ?1, "
               "job_finished_at = datetime('now') WHERE id = ?2");
  sqlite3_bind_text(st.get(), 1, output_path.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st.get(), 2, job_id);
  st.step_done();
}

void JobRepository::store_timing(const BrowserTiming& timing) {
  Statement st(db_.handle(),
               "INSERT INTO browser_timings (user_id, page, ttfb_ms, fcp_ms, lcp_ms, user_agent, "
               "reported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'))");
  sqlite3_bind_int64(st.get(), 1, timing.user_id);
  sqlite3_bind_text(st.get(), 2, timing.page.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st.get(), 3, timing.ttfb_ms);
  sqlite3_bind_int(st.get(), 4, timing.fcp_ms);
  sqlite3_bind_int(st.get(), 5, timing.lcp_ms);
  sqlite3_bind_text(st.get(), 6, timing.user_agent.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  st.step_done();
}

// --- invoices --------------------------------------------------------------------------------

int64_t InvoiceRepository::create(int64_t user_id, const std::string& deposit_address,
                                  double amount_xmr) {
  Statement st(db_.handle(),
               "INSERT INTO invoices (user_id, deposit_address, amount_xmr, status, created_at) "
               "VALUES (?1, ?2, ?3, 'open', datetime('now'))");
  sqlite3_bind_int64(st.get(), 1, user_id);
  sqlite3_bind_text(st.get(), 2, deposit_address.c_str(), -1, SQLITE_TRANSIENT);  // expect-none
  sqlite3_bind_double(st.get(), 3, amount_xmr);
  if (!st.step_done()) throw std::runtime_error(sqlite3_errmsg(db_.handle()));
  return sqlite3_last_insert_rowid(db_.handle());
}

void InvoiceRepository::mark_paid(int64_t invoice_id, const std::string& tx_hash) {
  Statement st(db_.handle(),
               "UPDATE invoices SET status = 'paid', tx_hash = ?1, paid_at = datetime('now') "
               "WHERE id = ?2");
  sqlite3_bind_text(st.get(), 1, tx_hash.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st.get(), 2, invoice_id);
  st.step_done();
}

void InvoiceRepository::save_kyc(const KycRecord& record) {
  Statement st(db_.handle(),
               "INSERT INTO kyc_reviews (invoice_id, full_name, passport_number, submitted_at) "
               "VALUES (?1, ?2, ?3, datetime('now'))");
  sqlite3_bind_int64(st.get(), 1, record.invoice_id);
  sqlite3_bind_text(st.get(), 2, record.full_name.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-undeclared-category user.name storage
  sqlite3_bind_text(st.get(), 3, record.passport_number.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-not-collected user.government_id.passport_number storage
  st.step_done();
}

}  // namespace rendermix
