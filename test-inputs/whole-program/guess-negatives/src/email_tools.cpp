// Each helper returns a length, a flag or a constant string: no sink here.
#include "email_tools.h"

namespace tb::email_tools {

std::size_t email_length(const std::string& email) { return email.size(); }

bool looks_valid(const std::string& email) {
  const auto at = email.find('@');
  return at != std::string::npos && at > 0 && email.find('.', at) != std::string::npos;
}

std::string email_kind(const std::string& email) {
  const auto at = email.find('@');
  const std::string domain = at == std::string::npos ? "" : email.substr(at + 1);
  if (domain == "gmail.com" || domain == "outlook.com" || domain == "proton.me") return "personal";
  return "corporate";
}

std::string redact(const std::string& email) { return email.empty() ? "" : "[redacted]"; }

std::string bucket_for(const User& user) { return user.id % 2 == 0 ? "a" : "b"; }

}  // namespace tb::email_tools
