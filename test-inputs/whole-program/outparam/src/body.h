// A request body filled by helpers in body.cpp. The struct's members are
// name-neutral: what a Body holds is known from the helper that filled it.
#pragma once

#include <string>

#include "user.h"

namespace tb {

struct Body {
  std::string text;
  std::string content_type = "application/json";
};

// Writes the user's email and IP address into `out` (body.cpp).
void fill_body(Body& out, const User& u);
// Writes only the account id and an event name into `out` (body.cpp).
void fill_ping(Body& out, const User& u, const std::string& event);
// Writes a form for Mailgun: the email and the name (body.cpp).
void fill_mail(Body* out, const User& u);

}  // namespace tb
