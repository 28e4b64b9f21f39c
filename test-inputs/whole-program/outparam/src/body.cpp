// The helpers that write user data into their out parameters. No sink here.
#include "body.h"

#include <nlohmann/json.hpp>

namespace tb {

void fill_body(Body& out, const User& u) {
  nlohmann::json j = {{"distinct_id", u.id}, {"properties", {{"email", u.email}, {"$ip", u.ip_address}}}};
  out.text = j.dump();
}

void fill_ping(Body& out, const User& u, const std::string& event) {
  out.text = nlohmann::json{{"event", event}, {"distinct_id", u.id}}.dump();
}

void fill_mail(Body* out, const User& u) {
  out->content_type = "application/x-www-form-urlencoded";
  out->text = "to=" + u.email + "&subject=Hi%20" + u.name + "&text=Welcome";
}

}  // namespace tb
