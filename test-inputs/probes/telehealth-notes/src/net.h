#pragma once
// Thin libcurl wrapper shared by the outbound integrations.
#include <string>
#include <utility>
#include <vector>

namespace carenote::net {

struct Response {
  long status = 0;
  std::string body;
  bool ok() const { return status >= 200 && status < 300; }
};

using Form = std::vector<std::pair<std::string, std::string>>;

Response post_json(const std::string& url, const std::string& json_body, const std::vector<std::string>& headers = {});
Response post_form(const std::string& url, const Form& form, const std::string& basic_auth = "");

}  // namespace carenote::net
