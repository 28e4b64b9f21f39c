// Metrics Cabinet: HttpClient over libcurl.
#include "net/http_client.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <stdexcept>

namespace mcab::net {

namespace {

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

Slist make_header_list(const std::vector<std::string>& headers, const char* content_type) {
  curl_slist* list = nullptr;
  if (content_type != nullptr)
    list = curl_slist_append(list, (std::string("Content-Type: ") + content_type).c_str());
  list = curl_slist_append(list, "Accept: application/json");
  list = curl_slist_append(list, "User-Agent: mcab-cabinet/3.14");
  for (const std::string& header : headers)
    list = curl_slist_append(list, header.c_str());
  return Slist(list);
}

}  // namespace

HttpClient::HttpClient(long timeout_ms) : curl_(curl_easy_init()), timeout_ms_(timeout_ms) {
  if (curl_ == nullptr)
    throw std::runtime_error("curl_easy_init failed");
}

HttpClient::~HttpClient() { curl_easy_cleanup(curl_); }

Response HttpClient::post_json(const std::string& url, const std::string& body,
                               const std::vector<std::string>& headers) {
  return perform(url, &body, "application/json", headers);
}

Response HttpClient::post_form(const std::string& url, const std::string& body,
                               const std::vector<std::string>& headers) {
  return perform(url, &body, "application/x-www-form-urlencoded", headers);
}

Response HttpClient::get(const std::string& url, const std::vector<std::string>& headers) {
  return perform(url, nullptr, nullptr, headers);
}

std::string HttpClient::escape(const std::string& value) {
  char* escaped = curl_easy_escape(curl_, value.data(), static_cast<int>(value.size()));
  if (escaped == nullptr)
    return {};
  std::string out(escaped);
  curl_free(escaped);
  return out;
}

Response HttpClient::perform(const std::string& url, const std::string* body,
                             const char* content_type,
                             const std::vector<std::string>& headers) {
  Response response;
  Slist header_list = make_header_list(headers, content_type);

  curl_easy_reset(curl_);
  curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());  // expect-none
  curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, header_list.get());  // expect-none
  if (body != nullptr) {
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body->c_str());  // expect-none
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  curl_easy_setopt(curl_, CURLOPT_TIMEOUT_MS, timeout_ms_);
  curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response.body);

  const CURLcode rc = curl_easy_perform(curl_);
  if (rc != CURLE_OK) {
    response.error = curl_easy_strerror(rc);
    spdlog::warn("http: transfer failed: {}", response.error);  // expect-none
    return response;
  }
  curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &response.status);
  if (response.status >= 500)
    spdlog::warn("http: upstream answered {}", response.status);  // expect-none
  return response;
}

}  // namespace mcab::net
