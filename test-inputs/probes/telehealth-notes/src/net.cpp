// libcurl implementation of carenote::net. One easy handle per request; the
// integrations are low-volume (reminders, summaries), so no pooling.
#include "net.h"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace carenote::net {

namespace {

size_t collect(char* data, size_t size, size_t nmemb, void* user) {
  static_cast<std::string*>(user)->append(data, size * nmemb);
  return size * nmemb;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& header) { list = curl_slist_append(list, header.c_str()); }
};

Response perform(CURL* curl, const char* what) {
  Response response;
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 20L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
  const CURLcode rc = curl_easy_perform(curl);
  if (rc != CURLE_OK) {
    spdlog::warn("net: {} request failed: {}", what, curl_easy_strerror(rc));
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace

Response post_json(const std::string& url, const std::string& json_body, const std::vector<std::string>& headers) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return {};
  HeaderList list;
  list.add("Content-Type: application/json");
  for (const auto& header : headers) list.add(header);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, list.list);
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, json_body.c_str());  // expect-none: modelled wrapper (code: sinks); callers are judged at their calls
  return perform(curl.get(), "json");
}

Response post_form(const std::string& url, const Form& form, const std::string& basic_auth) {
  CurlHandle curl(curl_easy_init());
  if (!curl) return {};
  std::string encoded;
  for (const auto& [key, value] : form) {
    char* k = curl_easy_escape(curl.get(), key.c_str(), static_cast<int>(key.size()));
    char* v = curl_easy_escape(curl.get(), value.c_str(), static_cast<int>(value.size()));
    if (!encoded.empty()) encoded += '&';
    encoded += std::string(k) + "=" + v;
    curl_free(k);
    curl_free(v);
  }
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_COPYPOSTFIELDS, encoded.c_str());
  if (!basic_auth.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(curl.get(), CURLOPT_USERPWD, basic_auth.c_str());
  }
  return perform(curl.get(), "form");
}

}  // namespace carenote::net
