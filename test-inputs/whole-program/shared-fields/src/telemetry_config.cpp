// The setters: each stores into a member. No sink here.
#include "telemetry.h"

namespace tb {

void Telemetry::setEndpoint(const std::string& url) { endpoint_ = url; }

void Telemetry::setAccount(const User& user) { batch_ = "{\"contact\":\"" + user.email + "\"}"; }

}  // namespace tb
