// Anastig: password hashing, token digests and MFA secret encryption.
//
// Passwords use Django's default hasher (PBKDF2-SHA256) so that the Django
// admin and this service verify the same rows. Verification and reset tokens
// are random and only their SHA-256 is kept. MFA secrets are AES-256-GCM
// encrypted at rest.
#pragma once

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace anastig::crypto {

inline constexpr int kDjangoPbkdf2Iterations = 870000;  // Django 5.0's default

inline std::string base64(const unsigned char* data, size_t len) {
  std::string out(4 * ((len + 2) / 3), '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(len));
  out.resize(static_cast<size_t>(n));
  return out;
}

// RFC 4648 base32, unpadded: what authenticator apps expect in otpauth:// URIs.
inline std::string base32(const unsigned char* data, size_t len) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (size_t i = 0; i < len; ++i) {
    buffer = (buffer << 8) | data[i];
    for (bits += 8; bits >= 5; bits -= 5)
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
  }
  if (bits > 0)
    out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

inline std::string random_token(size_t bytes = 32) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string token(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(token.data(), token.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  token.resize(token.find('\0'));
  return token;
}

inline std::string sha256_hex(const std::string& input) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  char hex[2 * SHA256_DIGEST_LENGTH + 1];
  for (int i = 0; i < SHA256_DIGEST_LENGTH; ++i)
    std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
  return std::string(hex, 2 * SHA256_DIGEST_LENGTH);
}

// Django's PBKDF2PasswordHasher.encode().
inline std::string make_django_password(const std::string& password,
                                        int iterations = kDjangoPbkdf2Iterations) {
  const std::string salt = random_token(16).substr(0, 22);
  unsigned char derived[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                        iterations, EVP_sha256(), sizeof derived, derived) != 1)
    throw std::runtime_error("PBKDF2 failed");
  return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + salt + "$" + base64(derived, sizeof derived);
}

inline bool check_django_password(const std::string& password, const std::string& encoded) {
  const size_t a = encoded.find('$'), b = encoded.find('$', a + 1), c = encoded.find('$', b + 1);
  if (a == std::string::npos || b == std::string::npos || c == std::string::npos)
    return false;
  const int iterations = std::stoi(encoded.substr(a + 1, b - a - 1));
  const std::string salt = encoded.substr(b + 1, c - b - 1);
  unsigned char derived[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                    iterations, EVP_sha256(), sizeof derived, derived);
  const std::string expected = base64(derived, sizeof derived);
  return sodium_memcmp(expected.data(), encoded.data() + c + 1,
                       std::min(expected.size(), encoded.size() - c - 1)) == 0 &&
         expected.size() == encoded.size() - c - 1;
}

// AES-256-GCM; stored as base64(nonce || ciphertext || tag).
class MfaCipher {
 public:
  explicit MfaCipher(std::string key) : key_(std::move(key)) {
    if (key_.size() != 32)
      throw std::invalid_argument("MFA key must be 32 bytes");
  }

  std::string encrypt(const std::string& plaintext) const {
    unsigned char nonce[12];
    randombytes_buf(nonce, sizeof nonce);
    std::string out(sizeof nonce + plaintext.size() + 16, '\0');
    auto* buf = reinterpret_cast<unsigned char*>(out.data());
    std::copy(nonce, nonce + sizeof nonce, buf);
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    int len = 0;
    EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr,
                       reinterpret_cast<const unsigned char*>(key_.data()), nonce);
    EVP_EncryptUpdate(ctx, buf + sizeof nonce, &len,
                      reinterpret_cast<const unsigned char*>(plaintext.data()), static_cast<int>(plaintext.size()));
    EVP_EncryptFinal_ex(ctx, buf + sizeof nonce + len, &len);
    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, buf + sizeof nonce + plaintext.size());
    EVP_CIPHER_CTX_free(ctx);
    return base64(buf, out.size());
  }

 private:
  std::string key_;
};

}  // namespace anastig::crypto
