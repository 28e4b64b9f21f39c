// Helpers that take personal data and return none of it (email_tools.cpp).
#pragma once

#include <cstddef>
#include <string>

#include "user.h"

namespace tb::email_tools {

std::size_t email_length(const std::string& email);
bool looks_valid(const std::string& email);
// "corporate" or "personal", from the domain.
std::string email_kind(const std::string& email);
// Always the same placeholder.
std::string redact(const std::string& email);
// "a" or "b": an experiment bucket from the account id's parity.
std::string bucket_for(const User& user);

}  // namespace tb::email_tools
