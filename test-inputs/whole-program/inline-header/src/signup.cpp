// First of three files using helpers.h.
#include "helpers.h"
#include "user.h"

namespace tb::signup {

void created(const User& user) {
  helpers::log_user_email(user.email);  // expect-none
  helpers::audit("signup", user.email);  // expect: privacy-log-exposure user.contact.email log
  helpers::audit("signup", std::to_string(user.id));  // expect-none
  helpers::capture(user.id, "signed_up", {{"plan", "free"}});  // expect-none
  helpers::capture(user.id, "signed_up", {{"contact", user.email}});  // expect: privacy-vendor-category user.contact.email posthog
}

}  // namespace tb::signup
