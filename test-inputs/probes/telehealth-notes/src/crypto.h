#pragma once
// EVP helpers: SHA-256 for clinician passwords, AES-256-GCM for chart text.
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace carenote::crypto {

inline std::string hex(const unsigned char* data, size_t len) {
  static const char* kDigits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < len; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0xf];
  }
  return out;
}

inline std::string sha256_hex(const std::string& input) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int md_len = 0;
  EVP_Digest(input.data(), input.size(), md, &md_len, EVP_sha256(), nullptr);
  return hex(md, md_len);
}

inline const std::array<unsigned char, 32>& data_key() {
  static const std::array<unsigned char, 32> key = [] {
    std::array<unsigned char, 32> k{};
    const char* encoded = std::getenv("CARENOTE_DATA_KEY");
    if (encoded == nullptr) throw std::runtime_error("CARENOTE_DATA_KEY is not set");
    EVP_DecodeBlock(k.data(), reinterpret_cast<const unsigned char*>(encoded), 44);
    return k;
  }();
  return key;
}

// iv (12 bytes) || ciphertext || tag (16 bytes)
inline std::vector<unsigned char> seal(const std::string& plaintext) {
  std::vector<unsigned char> out(12 + plaintext.size() + 16);
  RAND_bytes(out.data(), 12);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, data_key().data(), out.data());
  EVP_EncryptUpdate(ctx, out.data() + 12, &len, reinterpret_cast<const unsigned char*>(plaintext.data()),
                    static_cast<int>(plaintext.size()));
  int fin = 0;
  EVP_EncryptFinal_ex(ctx, out.data() + 12 + len, &fin);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out.data() + 12 + len + fin);
  EVP_CIPHER_CTX_free(ctx);
  return out;
}

}  // namespace carenote::crypto
