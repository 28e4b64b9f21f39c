#pragma once
// Shared HTTP and crypto helpers (support.cpp). The policy's `code:` section
// models them: post_form/post_json are sinks whose destination is the URL,
// seal encrypts and hash_password hashes.
#include <map>
#include <string>
#include <vector>

namespace kerbside::net {

struct Response {
  long status = 0;
  std::string body;
};

// POSTs `form` as application/x-www-form-urlencoded; `basic_auth` is "user:secret" or empty.
Response post_form(const std::string& url, const std::map<std::string, std::string>& form, const std::string& basic_auth = {});

// POSTs a JSON document with extra header lines ("Name: value").
Response post_json(const std::string& url, const std::string& json, const std::vector<std::string>& headers = {});

}  // namespace kerbside::net

namespace kerbside::crypto {

// AES-256-GCM with the data key from KS_DATA_KEY; returns base64(iv | ciphertext | tag).
std::string seal(const std::string& plaintext);

// PBKDF2-HMAC-SHA256, 310000 iterations; returns "pbkdf2-sha256$iterations$salt$hash" (hex).
std::string hash_password(const std::string& password);

}  // namespace kerbside::crypto
