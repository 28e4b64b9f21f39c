// Anastig: libcurl client.
#include "net/curl_client.h"

#include <spdlog/spdlog.h>

#include <stdexcept>

namespace anastig::net {

namespace {

size_t collect(char* ptr, size_t size, size_t nmemb, void* userdata) {
  auto* out = static_cast<std::string*>(userdata);
  out->append(ptr, size * nmemb);
  return size * nmemb;
}

// libcurl is initialised once per process, before any thread starts.
struct GlobalInit {
  GlobalInit() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~GlobalInit() { curl_global_cleanup(); }
};
const GlobalInit global_init;

}  // namespace

Client::Client() : handle_(curl_easy_init()) {
  if (handle_ == nullptr)
    throw std::runtime_error("curl_easy_init returned null");
}

Client::~Client() { curl_easy_cleanup(handle_); }

HttpResult Client::post(const std::string& url, const std::string& body,
                        const std::vector<std::string>& headers) {
  return send("POST", url, body, headers);
}

HttpResult Client::put(const std::string& url, const std::string& body,
                       const std::vector<std::string>& headers) {
  return send("PUT", url, body, headers);
}

HttpResult Client::send(const char* method, const std::string& url, const std::string& body,
                        const std::vector<std::string>& headers) {
  HttpResult result;
  curl_slist* header_list = nullptr;
  for (const std::string& header : headers)
    header_list = curl_slist_append(header_list, header.c_str());
  // Resend and S3 both dislike curl's default "Expect: 100-continue".
  header_list = curl_slist_append(header_list, "Expect:");

  curl_easy_reset(handle_);
  curl_easy_setopt(handle_, CURLOPT_CUSTOMREQUEST, method);
  curl_easy_setopt(handle_, CURLOPT_URL, url.c_str());  // expect-none
  curl_easy_setopt(handle_, CURLOPT_HTTPHEADER, header_list);  // expect-none
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDS, body.data());  // expect-none
  curl_easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(handle_, CURLOPT_TIMEOUT, timeout_seconds_);
  curl_easy_setopt(handle_, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(handle_, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(handle_, CURLOPT_USERAGENT, "anastig-api/2.3");

  const CURLcode code = curl_easy_perform(handle_);
  if (code == CURLE_OK) {
    curl_easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &result.status);
  } else {
    result.error = curl_easy_strerror(code);
    spdlog::warn("http {}: {}", method, result.error);  // expect-none
  }
  curl_slist_free_all(header_list);
  return result;
}

}  // namespace anastig::net
