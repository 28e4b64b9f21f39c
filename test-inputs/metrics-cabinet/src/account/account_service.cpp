// Metrics Cabinet: account service.
#include "account/account_service.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <openssl/hmac.h>
#include <spdlog/spdlog.h>
#include <syslog.h>

#include <cstring>
#include <ctime>
#include <stdexcept>

namespace mcab::account {

namespace {

std::string base32_encode(const unsigned char* data, size_t len) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < len; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  if (bits > 0)
    out.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

std::string base32_decode(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    const char* pos = std::strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", c);
    if (pos == nullptr || c == '\0')
      continue;
    buffer = (buffer << 5) | static_cast<unsigned>(pos - "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

// RFC 6238 with a +-1 step window.
bool totp_matches(const std::string& totp_secret, const std::string& code) {
  const std::string key = base32_decode(totp_secret);
  const long long step = static_cast<long long>(std::time(nullptr)) / 30;
  for (long long counter = step - 1; counter <= step + 1; ++counter) {
    unsigned char msg[8];
    for (int i = 7; i >= 0; --i)
      msg[i] = static_cast<unsigned char>((counter >> (8 * (7 - i))) & 0xff);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned mac_len = 0;
    HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &mac_len);
    const int offset = mac[mac_len - 1] & 0x0f;
    const unsigned bin = ((mac[offset] & 0x7fu) << 24) | (mac[offset + 1] << 16) |
                         (mac[offset + 2] << 8) | mac[offset + 3];
    if (fmt::format("{:06d}", bin % 1000000) == code)
      return true;
  }
  return false;
}

}  // namespace

AccountService::AccountService(pqxx::connection& db, redisContext* redis, const BoxKey& box_key)
    : db_(db), redis_(redis), box_key_(box_key) {}

AccountId AccountService::sign_up(const std::string& email, const std::string& name,
                                  const std::string& password) {
  char password_hash[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(password_hash, password.c_str(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing the password");

  pqxx::work txn(db_);
  const pqxx::row row = txn.exec_params1(  // expect-none
      "INSERT INTO accounts (email, name, password_hash, plan) VALUES ($1, $2, $3, 'starter') "
      "RETURNING id",
      email, name, std::string(password_hash));
  const AccountId account_id = row[0].as<AccountId>();
  record_audit_event(txn, account_id, "account.created");
  txn.commit();
  spdlog::info("account {} created", account_id);  // expect-none
  return account_id;
}

std::optional<AccountId> AccountService::log_in(const std::string& email, const std::string& password) {
  pqxx::work txn(db_);
  const pqxx::result rows = txn.exec_params(  // expect-none
      "SELECT id, password_hash, totp_enabled FROM accounts WHERE email = $1", email);
  if (rows.empty() ||
      crypto_pwhash_str_verify(rows[0][1].c_str(), password.c_str(), password.size()) != 0) {
    const std::string message = fmt::format("login failed for {}", email);
    spdlog::warn(message);  // expect: privacy-log-exposure user.contact.email log
    return std::nullopt;
  }
  const AccountId account_id = rows[0][0].as<AccountId>();
  const bool has_totp = rows[0][2].as<bool>();
  spdlog::info("login ok: account={} has_totp={}", account_id, has_totp);  // expect-none
  return account_id;
}

bool AccountService::verify_password(AccountId account_id, const std::string& password) {
  pqxx::work txn(db_);
  const pqxx::result rows = txn.exec_params(  // expect-none
      "SELECT password_hash FROM accounts WHERE id = $1", account_id);
  return !rows.empty() &&
         crypto_pwhash_str_verify(rows[0][0].c_str(), password.c_str(), password.size()) == 0;
}

std::string AccountService::begin_totp_enrolment(AccountId account_id) {
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  const std::string totp_secret = base32_encode(raw, sizeof raw);

  // Pending until the first code is confirmed; gone after ten minutes.
  auto* reply = static_cast<redisReply*>(redisCommand(  // expect: privacy-storage-protection user.authorization.credentials.totp_secret storage
      redis_, "SET totp:pending:%lld %s EX 600", static_cast<long long>(account_id),
      totp_secret.c_str()));
  if (reply == nullptr)
    throw std::runtime_error("redis unavailable");
  freeReplyObject(reply);
  return fmt::format("otpauth://totp/Metrics%20Cabinet:{}?secret={}&issuer=Metrics%20Cabinet",
                     account_id, totp_secret);
}

bool AccountService::confirm_totp_enrolment(AccountId account_id, const std::string& code) {
  auto* reply = static_cast<redisReply*>(redisCommand(  // expect-none
      redis_, "GET totp:pending:%lld", static_cast<long long>(account_id)));
  if (reply == nullptr || reply->type != REDIS_REPLY_STRING) {
    if (reply != nullptr)
      freeReplyObject(reply);
    return false;
  }
  const std::string totp_secret(reply->str, reply->len);
  freeReplyObject(reply);
  if (!totp_matches(totp_secret, code))
    return false;

  const std::string totp_secret_enc = seal(totp_secret);
  pqxx::work txn(db_);
  txn.exec_params0(  // expect-none
      "UPDATE accounts SET totp_secret_enc = $1, totp_enabled = true WHERE id = $2",
      totp_secret_enc, account_id);
  record_audit_event(txn, account_id, "totp.enabled");
  txn.commit();
  spdlog::info("account {} enabled two-factor authentication", account_id);  // expect-none
  return true;
}

void AccountService::link_oauth(AccountId account_id, const std::string& email, const OAuthLink& link) {
  pqxx::work txn(db_);
  txn.exec_params0(  // expect-none
      "INSERT INTO oauth_links (account_id, provider, subject, access_token_enc, refresh_token_enc) "
      "VALUES ($1, $2, $3, $4, $5)",
      account_id, link.provider, link.subject, seal(link.oauth_access_token),
      seal(link.oauth_refresh_token));
  record_audit_event(txn, account_id, "oauth.linked:" + link.provider);
  txn.commit();
  spdlog::debug("oauth: linked {} for {}", link.provider, email);  // NOLINT(privacy-log-exposure): debug is compiled out of release builds // expect-none
}

void AccountService::store_refreshed_oauth_tokens(AccountId account_id, const std::string& provider,
                                                  const std::string& oauth_access_token,
                                                  const std::string& oauth_refresh_token) {
  // Providers rotate the refresh token on every refresh (GitHub, Google).
  pqxx::work txn(db_);
  txn.exec_params0(  // expect: privacy-storage-protection user.authorization.credentials.oauth_token storage
      "UPDATE oauth_links SET access_token_enc = $1, refresh_token_enc = $2, refreshed_at = now() "
      "WHERE account_id = $3 AND provider = $4",
      seal(oauth_access_token), oauth_refresh_token, account_id, provider);
  txn.commit();
}

void AccountService::request_password_reset(const std::string& email) {
  syslog(LOG_AUTH | LOG_NOTICE, "password reset requested for %s", email.c_str());  // expect: privacy-log-exposure user.contact.email log

  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  char reset_token[sizeof raw * 2 + 1];
  sodium_bin2hex(reset_token, sizeof reset_token, raw, sizeof raw);

  // The mailer worker picks the job up and sends it through the relay.
  nlohmann::json job;
  job["template"] = "password_reset";
  job["to"] = email;
  job["reset_url"] = fmt::format("https://app.uni-moni.com/reset?token={}", reset_token);
  auto* reply = static_cast<redisReply*>(redisCommand(  // expect-none
      redis_, "SET pwreset:%s %s EX 3600", reset_token, email.c_str()));
  if (reply != nullptr)
    freeReplyObject(reply);
  reply = static_cast<redisReply*>(redisCommand(redis_, "LPUSH mail:outbox %s", job.dump().c_str()));  // expect-none
  if (reply != nullptr)
    freeReplyObject(reply);
}

void AccountService::purge_audit_log() {
  pqxx::work txn(db_);
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(kAuditLogRetention).count();
  const pqxx::result removed = txn.exec_params(
      "DELETE FROM audit_log WHERE at < now() - make_interval(hours => $1)", static_cast<int>(hours));
  txn.commit();
  spdlog::info("audit: purged {} entries older than {} h", removed.affected_rows(), hours);  // expect-none
}

std::string AccountService::seal(const std::string& plaintext) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, box_key_.data());
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(box.data()),
                    box.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return b64;
}

std::optional<std::string> AccountService::unseal(const std::string& sealed) const {
  std::string box(sealed.size(), '\0');
  size_t box_len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.c_str(),
                        sealed.size(), nullptr, &box_len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      box_len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
    return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(box.data());
  std::string plaintext(box_len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plaintext.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 box_len - crypto_secretbox_NONCEBYTES, nonce, box_key_.data()) != 0)
    return std::nullopt;
  return plaintext;
}

void AccountService::record_audit_event(pqxx::work& txn, AccountId account_id, const std::string& action) {
  txn.exec_params0("INSERT INTO audit_log (account_id, action, at) VALUES ($1, $2, now())",  // expect-none
                   account_id, action);
  spdlog::info("audit_event account={} action={}", account_id, action);  // expect-none
}

}  // namespace mcab::account
