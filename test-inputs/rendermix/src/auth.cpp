// Passwords, sessions and TOTP secrets.
//
// Passwords: libsodium crypto_pwhash_str (Argon2id, interactive limits), the
// C++ port of what werkzeug's generate_password_hash did in the Python days.
// Sessions: random 32-byte tokens in Redis with a 14-day expiry.
// TOTP secrets: sealed with crypto_secretbox under a server key before storage.
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <hiredis/hiredis.h>
#include <sodium.h>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace rendermix {

namespace {

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

}  // namespace

std::string hash_password(const std::string& password) {
  char hashed[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(hashed, password.c_str(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing password");
  }
  return std::string(hashed);
}

bool verify_password(const std::string& password_hash, const std::string& password) {
  return crypto_pwhash_str_verify(password_hash.c_str(), password.c_str(), password.size()) == 0;
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
