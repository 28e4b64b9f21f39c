// The HTTP half of the retry loop (libcurl). No finding here: this function
// never learns what a payload holds or whose URL it is.
#include "delivery.h"

#include <curl/curl.h>

namespace tb::delivery {

bool deliver(const std::string& url, const std::string& payload, int attempt) {
  CURL* c = curl_easy_init();
  if (c == nullptr) return false;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());  // expect-none
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());  // expect-none
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
  long status = 0;
  const bool sent = curl_easy_perform(c) == CURLE_OK;
  if (sent) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(c);
  if (sent && status / 100 == 2) return true;
  return retry_later(url, payload, attempt + 1);  // expect-none
}

}  // namespace tb::delivery
