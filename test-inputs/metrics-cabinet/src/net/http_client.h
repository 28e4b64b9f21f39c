// Metrics Cabinet: a small blocking HTTP client over libcurl's easy API.
//
// One client per thread; the handle is reused so that keep-alive works for the
// chatty callers (Stripe, the mail relay).
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

namespace mcab::net {

struct Response {
  long status = 0;
  std::string body;
  std::string error;  // curl's message when the transfer itself failed

  bool ok() const { return error.empty() && status >= 200 && status < 300; }
};

class HttpClient {
 public:
  explicit HttpClient(long timeout_ms = 10000);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // POST a JSON document.
  Response post_json(const std::string& url, const std::string& body,
                     const std::vector<std::string>& headers = {});
  // POST an application/x-www-form-urlencoded body (Stripe's API).
  Response post_form(const std::string& url, const std::string& body,
                     const std::vector<std::string>& headers = {});
  Response get(const std::string& url, const std::vector<std::string>& headers = {});

  // Percent-encodes one form or query value.
  std::string escape(const std::string& value);

 private:
  Response perform(const std::string& url, const std::string* body,
                   const char* content_type, const std::vector<std::string>& headers);

  CURL* curl_;
  long timeout_ms_;
};

}  // namespace mcab::net
