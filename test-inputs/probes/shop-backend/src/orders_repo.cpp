// SQLite repositories for customers, orders and password resets, and the
// outbox file the mail worker drains.
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sqlite3.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>
#include <string>

#include "models.h"

namespace cartfox {

namespace policy {
constexpr auto kResetTokenTtl = std::chrono::minutes(30);  // expect-none: 30 minutes is within the policy's 60min
constexpr auto kIpAddressRetention = std::chrono::hours(24 * 90);  // expect: privacy-retention user.device.ip_address -
}  // namespace policy

namespace {

std::string hex(const unsigned char* data, size_t len) {
  std::ostringstream out;
  for (size_t i = 0; i < len; ++i) out << std::hex << std::setw(2) << std::setfill('0') << static_cast<int>(data[i]);
  return out.str();
}

std::string digest_hex(const std::string& salt, const std::string& secret) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  EVP_DigestInit_ex(ctx, EVP_sha512(), nullptr);
  EVP_DigestUpdate(ctx, salt.data(), salt.size());
  EVP_DigestUpdate(ctx, secret.data(), secret.size());
  EVP_DigestFinal_ex(ctx, md, &md_len);
  EVP_MD_CTX_free(ctx);
  return hex(md, md_len);
}

std::string random_hex(size_t bytes) {
  unsigned char buf[64];
  RAND_bytes(buf, static_cast<int>(bytes));
  return hex(buf, bytes);
}

}  // namespace

class ShopRepository {
 public:
  explicit ShopRepository(sqlite3* db) : db_(db) {}

  int64_t create_customer(const std::string& email, const std::string& full_name, const std::string& password) {
    const std::string salt = random_hex(16);
    const std::string hashed = digest_hex(salt, password);
    sqlite3_stmt* stmt = prepare("INSERT INTO customers (email, full_name, pw_salt, pw_hash) VALUES (?, ?, ?, ?)");
    sqlite3_bind_text(stmt, 1, email.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 2, full_name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, salt.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 4, hashed.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: salted SHA-512 (EVP digest) of the password, as storage: hashed asks
    return step_insert(stmt);
  }

  int64_t insert_order(const Order& order) {
    sqlite3_stmt* stmt = prepare("INSERT INTO orders (user_id, total_cents, currency, recipient_name, street1, street2, city, postal_code, country, phone_number, client_ip, date_of_birth) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    sqlite3_bind_int64(stmt, 1, order.user_id);
    sqlite3_bind_int64(stmt, 2, order.total_cents);
    sqlite3_bind_text(stmt, 3, order.currency.c_str(), -1, SQLITE_TRANSIENT);
    const Address& to = order.shipping;
    sqlite3_bind_text(stmt, 4, to.recipient_name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, to.street1.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: the delivery address is declared and has no storage rule
    sqlite3_bind_text(stmt, 6, to.street2.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 7, to.city.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 8, to.postal_code.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 9, to.country.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 10, order.phone_number.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 11, order.client_ip.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: the checkout IP is declared (fraud screening) and has no storage rule
    sqlite3_bind_text(stmt, 12, order.date_of_birth.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-not-collected user.demographic.date_of_birth storage
    const int64_t order_id = step_insert(stmt);

    sqlite3_stmt* line_stmt = prepare("INSERT INTO order_lines (order_id, sku, quantity, unit_price_cents) VALUES (?, ?, ?, ?)");
    for (const CartLine& line : order.items) {
      sqlite3_reset(line_stmt);
      sqlite3_bind_int64(line_stmt, 1, order_id);
      sqlite3_bind_text(line_stmt, 2, line.sku.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int(line_stmt, 3, line.quantity);
      sqlite3_bind_int64(line_stmt, 4, line.unit_price_cents);
      sqlite3_step(line_stmt);
    }
    sqlite3_finalize(line_stmt);
    return order_id;
  }

  // Returns the raw token for the e-mail link; only its digest is kept.
  std::string issue_reset_token(int64_t user_id) {
    const std::string reset_token = random_hex(32);
    const std::string token_digest = digest_hex("reset:", reset_token);
    sqlite3_stmt* stmt = prepare("INSERT INTO password_resets (user_id, token_sha512, expires_at) VALUES (?, ?, unixepoch() + ?)");
    sqlite3_bind_int64(stmt, 1, user_id);
    sqlite3_bind_text(stmt, 2, token_digest.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: the reset token's digest, as storage: hashed asks
    sqlite3_bind_int64(stmt, 3, std::chrono::duration_cast<std::chrono::seconds>(policy::kResetTokenTtl).count());
    step_insert(stmt);
    return reset_token;
  }

 private:
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    return stmt;
  }
  int64_t step_insert(sqlite3_stmt* stmt) {
    const bool ok = sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    if (!ok) spdlog::error("insert failed: {}", sqlite3_errmsg(db_));  // expect-none: the SQLite error text only
    return ok ? sqlite3_last_insert_rowid(db_) : 0;
  }

  sqlite3* db_;
};

// The mail worker picks up one JSON line per message from the outbox.
void queue_reset_email(const std::string& outbox_path, const std::string& email, const std::string& reset_token) {
  const std::string reset_link = "https://cartfox.shop/account/reset?token=" + reset_token;
  std::ofstream outbox(outbox_path, std::ios::app);
  outbox << "{\"template\":\"password_reset\",\"to\":\"" << email << "\",\"link\":\"" << reset_link << "\"}\n";  // expect: privacy-storage-protection user.authorization.credentials.reset_token storage
}

// Fraud screening is done after this; the checkout IP is blanked.
void scrub_checkout_ips(sqlite3* db) {
  const auto cutoff = std::chrono::system_clock::now() - policy::kIpAddressRetention;
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "UPDATE orders SET client_ip = NULL WHERE created_at < ?", -1, &stmt, nullptr);
  sqlite3_bind_int64(stmt, 1, std::chrono::duration_cast<std::chrono::seconds>(cutoff.time_since_epoch()).count());
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
}

}  // namespace cartfox
