// libcurl POST helpers and the OpenSSL primitives behind crypto::seal and
// crypto::hash_password.
#include "support.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "log.h"

namespace kerbside::net {

namespace {

size_t collect(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string encode_form(CURL* curl, const std::map<std::string, std::string>& form) {
  std::string out;
  for (const auto& [key, value] : form) {
    char* k = curl_easy_escape(curl, key.c_str(), static_cast<int>(key.size()));
    char* v = curl_easy_escape(curl, value.c_str(), static_cast<int>(value.size()));
    if (!out.empty()) out += '&';
    out.append(k).append("=").append(v);
    curl_free(k);
    curl_free(v);
  }
  return out;
}

Response perform(CURL* curl, const std::string& url, curl_slist* headers) {
  Response res;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &res.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    LOG_ERROR("POST {} failed: {}", url, curl_easy_strerror(rc));  // expect-none: a configured endpoint URL and curl's error text
  } else {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &res.status);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return res;
}

}  // namespace

Response post_form(const std::string& url, const std::map<std::string, std::string>& form, const std::string& basic_auth) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {};
  const std::string body = encode_form(curl, form);
  curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, body.c_str());  // expect-none: generic wrapper modelled as a sink in the policy; judged at each post_form call
  if (!basic_auth.empty()) curl_easy_setopt(curl, CURLOPT_USERPWD, basic_auth.c_str());
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/x-www-form-urlencoded");
  return perform(curl, url, headers);
}

Response post_json(const std::string& url, const std::string& json, const std::vector<std::string>& headers) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {};
  curl_slist* list = curl_slist_append(nullptr, "Content-Type: application/json");
  for (const std::string& line : headers) list = curl_slist_append(list, line.c_str());
  curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, json.c_str());  // expect-none: generic wrapper modelled as a sink in the policy; judged at each post_json call
  return perform(curl, url, list);
}

}  // namespace kerbside::net

namespace kerbside::crypto {

namespace {

std::string to_hex(const unsigned char* data, size_t len) {
  std::ostringstream out;
  for (size_t i = 0; i < len; ++i) out << std::hex << std::setw(2) << std::setfill('0') << static_cast<int>(data[i]);
  return out.str();
}

const unsigned char* data_key() {
  static unsigned char key[32] = {};
  static const bool loaded = [] {
    const char* hex = std::getenv("KS_DATA_KEY");
    if (hex == nullptr || std::char_traits<char>::length(hex) != 64) throw std::runtime_error("KS_DATA_KEY must be 64 hex digits");
    for (int i = 0; i < 32; ++i) key[i] = static_cast<unsigned char>(std::stoi(std::string(hex + 2 * i, 2), nullptr, 16));
    return true;
  }();
  (void)loaded;
  return key;
}

}  // namespace

std::string seal(const std::string& plaintext) {
  unsigned char iv[12];
  RAND_bytes(iv, sizeof iv);
  std::string out(sizeof iv + plaintext.size() + 16, '\0');
  auto* buf = reinterpret_cast<unsigned char*>(out.data());
  std::copy(iv, iv + sizeof iv, buf);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int len = 0;
  EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr, data_key(), iv);
  EVP_EncryptUpdate(ctx, buf + sizeof iv, &len, reinterpret_cast<const unsigned char*>(plaintext.data()), static_cast<int>(plaintext.size()));
  EVP_EncryptFinal_ex(ctx, buf + sizeof iv + len, &len);
  EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, buf + sizeof iv + plaintext.size());
  EVP_CIPHER_CTX_free(ctx);
  std::string encoded(4 * ((out.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), buf, static_cast<int>(out.size()));
  encoded.resize(static_cast<size_t>(n));
  return encoded;
}

std::string hash_password(const std::string& password) {
  constexpr int kIterations = 310000;
  unsigned char salt[16];
  unsigned char derived[32];
  RAND_bytes(salt, sizeof salt);
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, sizeof salt, kIterations, EVP_sha256(), sizeof derived, derived);
  return "pbkdf2-sha256$" + std::to_string(kIterations) + "$" + to_hex(salt, sizeof salt) + "$" + to_hex(derived, sizeof derived);
}

}  // namespace kerbside::crypto
