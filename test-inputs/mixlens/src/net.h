// A small HTTP client over libcurl's easy interface, shared by the vendor
// integrations (Stripe, PostHog, Segment).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mixlens::net {

struct Response {
  long status = 0;
  std::string body;
  bool ok() const { return status >= 200 && status < 300; }
};

class Client {
 public:
  // `service_secret` is sent as a bearer token on every request (empty: none).
  explicit Client(std::string service_secret = "", long timeout_seconds = 20);

  Response post(const std::string& url, const std::string& body,
                const std::string& content_type = "application/x-www-form-urlencoded") const;
  Response get(const std::string& url) const;

  void add_header(std::string header) { extra_headers_.push_back(std::move(header)); }

 private:
  Response perform(const std::string& url, const std::string* body,
                   const std::string& content_type) const;

  std::string service_secret_;
  long timeout_seconds_;
  std::vector<std::string> extra_headers_;
};

// application/x-www-form-urlencoded escaping (RFC 3986 unreserved kept).
std::string url_encode(const std::string& value);

}  // namespace mixlens::net
