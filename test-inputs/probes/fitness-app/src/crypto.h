#pragma once
// OpenSSL helpers used by the repositories: salted SHA-256 for passwords and
// AES-256-GCM for the fields the privacy policy says are encrypted at rest.
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cstdlib>
#include <string>
#include <vector>

namespace fitpulse::crypto {

inline std::string to_hex(const unsigned char* data, size_t len) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (size_t i = 0; i < len; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0f]);
  }
  return out;
}

inline std::string sha256_hex(const std::string& input) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return to_hex(digest, sizeof digest);
}

inline std::string random_salt(size_t bytes = 16) {
  std::vector<unsigned char> buf(bytes);
  RAND_bytes(buf.data(), static_cast<int>(buf.size()));
  return to_hex(buf.data(), buf.size());
}

// The field key comes from the deployment's secret store (32 raw bytes, hex).
inline std::array<unsigned char, 32> field_key() {
  std::array<unsigned char, 32> key{};
  const char* hex = std::getenv("FITPULSE_FIELD_KEY");
  for (size_t i = 0; hex != nullptr && i < key.size() && hex[2 * i] && hex[2 * i + 1]; ++i) {
    key[i] = static_cast<unsigned char>(std::strtoul(std::string(hex + 2 * i, 2).c_str(), nullptr, 16));
  }
  return key;
}

// Output layout: iv (12) || ciphertext || tag (16).
inline std::string seal(const std::string& plaintext) {
  const auto key = field_key();
  std::array<unsigned char, 12> iv{};
  RAND_bytes(iv.data(), static_cast<int>(iv.size()));
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  std::vector<unsigned char> out(plaintext.size() + 16);
  int len = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, key.data(), iv.data());
  EVP_EncryptUpdate(ctx, out.data(), &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
                    static_cast<int>(plaintext.size()));
  int total = len;
  EVP_EncryptFinal_ex(ctx, out.data() + total, &len);
  total += len;
  unsigned char tag[16];
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, sizeof tag, tag);
  EVP_CIPHER_CTX_free(ctx);
  std::string sealed(reinterpret_cast<const char*>(iv.data()), iv.size());
  sealed.append(reinterpret_cast<const char*>(out.data()), static_cast<size_t>(total));
  sealed.append(reinterpret_cast<const char*>(tag), sizeof tag);
  return sealed;
}

}  // namespace fitpulse::crypto
