// libcurl-based HTTP client used by the vendor integrations.
#include "net.h"

#include "config.h"

#include <cctype>
#include <memory>

#include <curl/curl.h>
#include <spdlog/spdlog.h>

namespace mixlens::net {

namespace {

std::size_t append_to_string(char* data, std::size_t size, std::size_t nmemb, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * nmemb);
  return size * nmemb;
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

Client::Client(std::string service_secret, long timeout_seconds)
    : service_secret_(std::move(service_secret)), timeout_seconds_(timeout_seconds) {}

Response Client::post(const std::string& url, const std::string& body,
                      const std::string& content_type) const {
  return perform(url, &body, content_type);
}

Response Client::get(const std::string& url) const { return perform(url, nullptr, ""); }

Response Client::perform(const std::string& url, const std::string* body,
                         const std::string& content_type) const {
  Response response;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return response;

  curl_slist* raw_headers = nullptr;
  if (!service_secret_.empty()) {
    const std::string bearer = "Authorization: Bearer " + service_secret_;
    raw_headers = curl_slist_append(raw_headers, bearer.c_str());
  }
  if (body != nullptr) {
    raw_headers = curl_slist_append(raw_headers, ("Content-Type: " + content_type).c_str());
  }
  for (const auto& header : extra_headers_) {
    raw_headers = curl_slist_append(raw_headers, header.c_str());
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers(raw_headers);

  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_USERAGENT, "MixLens/" MIXLENS_VERSION);
  if (body != nullptr) {
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body->c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body->size()));
  }
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, append_to_string);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, timeout_seconds_);
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 0L);

  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK) {
    spdlog::warn("http: transfer failed: {}", curl_easy_strerror(rc));
    return response;
  }
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &response.status);
  if (response.status >= 500) {
    spdlog::warn("http: upstream answered {}", response.status);
  }
  return response;
}

std::string url_encode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(value.size() * 3);
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded.push_back('%');
      encoded.push_back(hex[c >> 4]);
      encoded.push_back(hex[c & 0x0f]);
    }
  }
  return encoded;
}

}  // namespace mixlens::net
