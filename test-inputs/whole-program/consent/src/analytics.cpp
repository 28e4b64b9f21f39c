#include "analytics.h"

#include "consent.h"

#include <httplib.h>

namespace tally {

namespace {
const char* const kPostHog = "https://app.posthog.com";
}

// Called from views.cpp under the check, and from jobs.cpp without it: one
// unguarded way in is enough.
void track(const std::string& event_name) {
  httplib::Client client(kPostHog);
  client.Post("/capture/", "{\"event\":\"" + event_name + "\"}", "application/json");  // expect: privacy-consent - posthog
}

// Called only from views.cpp, under the check every time.
void track_screen(const std::string& screen) {
  httplib::Client client(kPostHog);
  client.Post("/capture/", "{\"screen\":\"" + screen + "\"}", "application/json");  // expect-none
}

// Its own guard: whoever calls it.
void flush_queue() {
  if (!consent().analytics_allowed())
    return;
  httplib::Client client(kPostHog);
  client.Post("/batch/", "[]", "application/json");  // expect-none
}

}  // namespace tally
