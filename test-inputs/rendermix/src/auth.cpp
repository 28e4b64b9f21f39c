// Passwords, sessions and TOTP secrets.
//
// Passwords: scrypt (N=32768, r=8, p=1) through OpenSSL's EVP_PBE_scrypt, written in
// werkzeug's `scrypt:32768:8:1$salt$hex` format, so that the hashes of the accounts
// created under the Flask version verify unchanged. Hashes written by 2.0-2.2 (libsodium
// Argon2id, `$argon2id$...`) still verify through crypto_pwhash_str_verify.
// Sessions: random 32-byte tokens in Redis with a 14-day expiry; "keep me signed in"
// tokens with a 30-day expiry.
// TOTP secrets: sealed with crypto_secretbox under a server key before storage.
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <hiredis/hiredis.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace rendermix {

namespace {

// werkzeug's defaults for generate_password_hash(method="scrypt").
constexpr uint64_t kScryptN = 32768;
constexpr uint64_t kScryptR = 8;
constexpr uint64_t kScryptP = 1;
constexpr std::size_t kScryptKeyBytes = 64;
constexpr std::size_t kSaltChars = 16;
// N=32768, r=8 needs 32 MiB, just over OpenSSL's default limit.
constexpr uint64_t kScryptMaxMemory = 64ULL * 1024 * 1024;

// "Keep me signed in" tokens outlive the 14-day session by two weeks.
constexpr int kRememberMeSeconds = 30 * 24 * 60 * 60;

std::string to_hex(const unsigned char* data, std::size_t len) {
  std::string hex(len * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, len);
  hex.resize(len * 2);
  return hex;
}

std::vector<unsigned char> sealing_key() {
  const std::string key_hex = config::totp_sealing_key_hex();
  std::vector<unsigned char> key(crypto_secretbox_KEYBYTES);
  std::size_t key_len = 0;
  if (sodium_hex2bin(key.data(), key.size(), key_hex.c_str(), key_hex.size(), nullptr,
                     &key_len, nullptr) != 0 ||
      key_len != key.size()) {
    throw std::runtime_error("TOTP_SEALING_KEY must be 32 bytes of hex");
  }
  return key;
}

// RFC 4648 base32 without padding, as authenticator apps expect.
std::string base32(const unsigned char* data, std::size_t len) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < len; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(alphabet[(buffer >> (bits - 5)) & 0x1f]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

// Salt as werkzeug makes it: letters and digits, used as text.
std::string random_salt() {
  static const char* alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string salt;
  for (std::size_t i = 0; i < kSaltChars; ++i) salt.push_back(alphabet[randombytes_uniform(62)]);
  return salt;
}

std::string scrypt_hex(const std::string& password, const std::string& salt, uint64_t n,
                       uint64_t r, uint64_t p) {
  unsigned char derived[kScryptKeyBytes];
  if (EVP_PBE_scrypt(password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), n, r, p,
                     kScryptMaxMemory, derived, sizeof derived) != 1) {
    throw std::runtime_error("scrypt failed");
  }
  return to_hex(derived, sizeof derived);
}

}  // namespace

std::string hash_password(const std::string& password) {
  const std::string salt = random_salt();
  return fmt::format("scrypt:{}:{}:{}${}${}", kScryptN, kScryptR, kScryptP, salt,
                     scrypt_hex(password, salt, kScryptN, kScryptR, kScryptP));
}

bool verify_password(const std::string& password_hash, const std::string& password) {
  if (password_hash.rfind("$argon2", 0) == 0) {
    return crypto_pwhash_str_verify(password_hash.c_str(), password.c_str(), password.size()) == 0;
  }
  // method$salt$hex
  const std::size_t first = password_hash.find('$');
  const std::size_t second =
      first == std::string::npos ? std::string::npos : password_hash.find('$', first + 1);
  if (second == std::string::npos) return false;
  unsigned long long n = 0, r = 0, p = 0;
  if (std::sscanf(password_hash.substr(0, first).c_str(), "scrypt:%llu:%llu:%llu", &n, &r, &p) != 3 ||
      n > (1ULL << 20) || r > 32 || p > 16) {
    return false;
  }
  const std::string salt = password_hash.substr(first + 1, second - first - 1);
  const std::string expected = password_hash.substr(second + 1);
  const std::string actual = scrypt_hex(password, salt, n, r, p);
  return actual.size() == expected.size() &&
         CRYPTO_memcmp(actual.data(), expected.data(), actual.size()) == 0;
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return to_hex(digest, sizeof digest);
}

std::string random_token_hex(std::size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  return to_hex(buf.data(), buf.size());
}

std::string seal_totp_secret(const std::string& totp_secret) {
  const std::vector<unsigned char> key = sealing_key();
  std::vector<unsigned char> sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES +
                                    totp_secret.size());
  unsigned char* nonce = sealed.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(sealed.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(totp_secret.data()),
                        totp_secret.size(), nonce, key.data());
  return to_hex(sealed.data(), sealed.size());
}

// --- sessions --------------------------------------------------------------------------------

SessionStore::SessionStore(const std::string& host, int port) {
  redis_ = redisConnect(host.c_str(), port);
  if (redis_ == nullptr || redis_->err) {
    throw std::runtime_error("redis connection failed");
  }
}

SessionStore::~SessionStore() {
  if (redis_ != nullptr) redisFree(redis_);
}

std::string SessionStore::create(int64_t user_id) {
  const std::string session_token = random_token_hex(32);
  const long long ttl_seconds =
      std::chrono::duration_cast<std::chrono::seconds>(config::kSessionLifetime).count();
  auto* reply = static_cast<redisReply*>(redisCommand(redis_, "SETEX session:%s %lld %lld", session_token.c_str(), ttl_seconds, static_cast<long long>(user_id)));  // expect-none
  if (reply == nullptr) throw std::runtime_error("redis SETEX failed");
  freeReplyObject(reply);
  return session_token;
}

std::optional<int64_t> SessionStore::lookup(const std::string& session_token) {
  auto* reply = static_cast<redisReply*>(
      redisCommand(redis_, "GET session:%s", session_token.c_str()));
  std::optional<int64_t> user_id;
  if (reply != nullptr && reply->type == REDIS_REPLY_STRING) {
    user_id = std::stoll(std::string(reply->str, reply->len));
  }
  if (reply != nullptr) freeReplyObject(reply);
  return user_id;
}

void SessionStore::destroy(const std::string& session_token) {
  auto* reply = static_cast<redisReply*>(
      redisCommand(redis_, "DEL session:%s", session_token.c_str()));
  if (reply != nullptr) freeReplyObject(reply);
}

std::string SessionStore::remember(int64_t user_id) {
  const std::string remember_token = random_token_hex(32);
  auto* reply = static_cast<redisReply*>(redisCommand(redis_, "SETEX remember:%s %d %lld", remember_token.c_str(), kRememberMeSeconds, static_cast<long long>(user_id)));  // expect-none
  if (reply == nullptr) throw std::runtime_error("redis SETEX failed");
  freeReplyObject(reply);
  return remember_token;
}

void SessionStore::forget(const std::string& remember_token) {
  auto* reply = static_cast<redisReply*>(
      redisCommand(redis_, "DEL remember:%s", remember_token.c_str()));
  if (reply != nullptr) freeReplyObject(reply);
}

// --- TOTP --------------------------------------------------------------------------------------

std::string begin_totp_enrollment(UserRepository& users, const User& user) {
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  const std::string totp_secret = base32(raw, sizeof raw);

  users.set_sealed_totp_secret(user.id, seal_totp_secret(totp_secret));

  const std::string otpauth_uri = fmt::format(
      "otpauth://totp/RenderMix:{}?secret={}&issuer=RenderMix&algorithm=SHA1&digits=6&period=30",
      user.email, totp_secret);
  spdlog::debug("totp enrollment started: {}", otpauth_uri);  // expect: privacy-log-exposure user.contact.email log; privacy-log-exposure user.authorization.credentials log
  spdlog::info("totp enrollment started for user {}", user.id);  // expect-none
  return otpauth_uri;
}

}  // namespace rendermix
