// EventSink for PostHog (declared: receives user.behavior and user.unique_id).
// Posts whatever the event's properties hold; knows where, not what.
#include "event_sink.h"

#include <httplib.h>

namespace tb {

namespace {

class PosthogSink final : public EventSink {
 public:
  void send(const Event& e) override {
    nlohmann::json capture = {{"api_key", "phc_project"}, {"event", e.name}, {"distinct_id", e.account}, {"properties", e.properties}};
    httplib::Client client("https://us.i.posthog.com");
    client.Post("/capture/", capture.dump(), "application/json");  // expect-none
  }
};

}  // namespace

std::unique_ptr<EventSink> make_posthog_sink() { return std::make_unique<PosthogSink>(); }

}  // namespace tb
