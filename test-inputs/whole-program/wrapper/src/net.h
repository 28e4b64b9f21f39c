// The HTTP wrapper over libcurl. Only declarations here: the bodies are in
// net.cpp, so a caller's translation unit sees neither the curl calls nor the
// URL that send_to_posthog() uses.
#pragma once

#include <string>

namespace tb::net {

struct Reply {
  long status = 0;
  std::string text;
};

// POSTs `payload` to `url`. Knows neither what the payload is nor who `url` is.
Reply post(const std::string& url, const std::string& payload,
           const std::string& content_type = "application/json");

// POSTs an already serialised event to PostHog's capture endpoint. Knows where
// (PostHog), not what the event holds.
Reply send_to_posthog(const std::string& event_json);

}  // namespace tb::net
