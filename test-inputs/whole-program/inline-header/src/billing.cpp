// Second of three files using helpers.h.
#include "helpers.h"
#include "user.h"

namespace tb::billing {

void charged(const User& user, long cents) {
  helpers::log_user_email(user.email);  // expect-none
  helpers::audit("charge", user.name);  // expect: privacy-log-exposure user.name log
  helpers::capture(user.id, "charged", {{"cents", cents}});  // expect-none
}

}  // namespace tb::billing
