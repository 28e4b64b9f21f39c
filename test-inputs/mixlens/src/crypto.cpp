// Hashing and secrets: OpenSSL EVP for SHA-256, HMAC for signatures, libsodium
// for password hashing and randomness.
#include <stdexcept>
#include <string>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <sodium.h>

#include "services.h"

namespace mixlens::crypto {

namespace {

std::string to_hex(const unsigned char* data, std::size_t len) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (std::size_t i = 0; i < len; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 0x0f]);
  }
  return out;
}

}  // namespace

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &digest_len, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("sha256 failed");
  }
  return to_hex(digest, digest_len);
}

std::string md5_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &digest_len, EVP_md5(), nullptr) != 1) {
    throw std::runtime_error("md5 failed");
  }
  return to_hex(digest, digest_len);
}

std::string hmac_sha256_raw(const std::string& key, const std::string& message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &mac_len) == nullptr) {
    throw std::runtime_error("HMAC failed");
  }
  return std::string(reinterpret_cast<const char*>(mac), mac_len);
}

std::string hmac_sha256_hex(const std::string& key, const std::string& message) {
  const std::string mac = hmac_sha256_raw(key, message);
  return to_hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
}

std::string hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.c_str(), password.size(),
                        crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE) != 0) {
    throw std::runtime_error("crypto_pwhash_str: out of memory");
  }
  return out;
}

bool verify_password(const std::string& password_hash, const std::string& password) {
  return crypto_pwhash_str_verify(password_hash.c_str(), password.c_str(), password.size()) == 0;
}

std::string random_secret(const std::string& prefix) {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return prefix + to_hex(bytes, sizeof bytes);
}

bool constant_time_equal(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// Sanity check run once at start-up: libsodium must initialise and SHA-256
// must match its published test vector.
bool self_test() {
  if (sodium_init() < 0) return false;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  static const char abc[] = "abc";
  SHA256(reinterpret_cast<const unsigned char*>(abc), 3, digest);
  return to_hex(digest, sizeof digest) ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" &&
         sha256_hex("abc") == to_hex(digest, sizeof digest);
}

}  // namespace mixlens::crypto
