// Third of three files using helpers.h.
#include "helpers.h"
#include "user.h"

namespace tb::support {

void ticket_opened(const User& user, const std::string& client_ip) {
  helpers::log_user_email(user.email);  // expect-none
  helpers::audit("ticket", client_ip);  // expect: privacy-log-exposure user.device.ip_address log
  helpers::capture(user.id, "ticket_opened", {{"from", user.ip_address}});  // expect: privacy-vendor-category user.device.ip_address posthog
}

}  // namespace tb::support
