// libcurl behind tb::net::post. Nothing here is a finding: this file never
// learns what a payload holds.
#include "net.h"

#include "endpoints.h"

#include <curl/curl.h>

namespace tb::net {

namespace {

std::size_t collect_reply(char* data, std::size_t size, std::size_t count, void* sink) {
  static_cast<std::string*>(sink)->append(data, size * count);
  return size * count;
}

}  // namespace

Reply post(const std::string& url, const std::string& payload, const std::string& content_type) {
  Reply reply;
  CURL* handle = curl_easy_init();
  if (handle == nullptr) return reply;
  const std::string type_header = "Content-Type: " + content_type;
  curl_slist* headers = curl_slist_append(nullptr, type_header.c_str());
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());  // expect-none
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);  // expect-none
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, payload.c_str());  // expect-none
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, collect_reply);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &reply.text);
  if (curl_easy_perform(handle) == CURLE_OK) {
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(handle);
  return reply;
}

Reply send_to_posthog(const std::string& event_json) {
  return post(endpoints::kPosthogCapture, event_json);  // expect-none
}

}  // namespace tb::net
