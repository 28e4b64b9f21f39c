// Anastig: the outbound HTTP client (libcurl easy API).
//
// Used for Resend, the object store and product analytics. Requests are
// synchronous; the workers that call them run on their own threads.
#pragma once

#include <curl/curl.h>

#include <string>
#include <vector>

namespace anastig::net {

struct HttpResult {
  long status = 0;
  std::string body;
  std::string error;

  bool ok() const { return error.empty() && status / 100 == 2; }
};

class Client {
 public:
  Client();
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  HttpResult post(const std::string& url, const std::string& body,
                  const std::vector<std::string>& headers);
  // PUT with a binary-safe body (object uploads).
  HttpResult put(const std::string& url, const std::string& body,
                 const std::vector<std::string>& headers);

  void set_timeout_seconds(long seconds) { timeout_seconds_ = seconds; }

 private:
  HttpResult send(const char* method, const std::string& url, const std::string& body,
                  const std::vector<std::string>& headers);

  CURL* handle_;
  long timeout_seconds_ = 15;
};

}  // namespace anastig::net
