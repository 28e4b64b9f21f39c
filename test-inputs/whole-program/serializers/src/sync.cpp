// Sends profiles and accounts to PostHog, which receives usage and the
// account id only. What each body holds is known only through the
// serializers of the other two files.
#include "profile.h"

#include <httplib.h>

namespace tb {

static void post(const std::string& body) {
  httplib::Client posthog("https://us.i.posthog.com");
  posthog.Post("/capture/", body, "application/json");  // expect-none
}

void sync_profile(const Profile& p) {
  nlohmann::json body = p;
  post(body.dump());  // expect: privacy-vendor-category user.contact.email posthog
}

// The account's serializer leaves its email out: only the id is sent.
void sync_account(const Account& a) {
  nlohmann::json body = a;
  post(body.dump());  // expect-none
}

void stream_profile(const Profile& p) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  write_profile(writer, p);
  post(buffer.GetString());  // expect: privacy-vendor-category user.contact.email posthog
}

}  // namespace tb
