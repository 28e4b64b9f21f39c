// Account storage (sqlite3). Declarations only: what the functions return is
// known from their bodies in repo.cpp and settings.cpp.
#pragma once

#include <string>

struct sqlite3;

namespace tb::repo {

void open(const std::string& path);
sqlite3* handle();

// Reads the account's email address (repo.cpp). The name says nothing.
std::string lookup_contact(long id);
// Reads the account's display name (repo.cpp).
std::string label_for(long id);
// Reads the client IP address of the account's last session (repo.cpp).
std::string last_seen_from(long id);

// Names that sound personal, returning only constants (settings.cpp).
std::string owner_email();
std::string default_user_name();

}  // namespace tb::repo
