// Builds events from the account and hands them to an EventSink it knows only
// by its interface. A call through the interface reaches every overrider the
// program defines (PostHog and Mixpanel), so the call sink.send(e) is where
// both what (the email) and where (PostHog) are known: the vendor-category
// finding is here. (Mixpanel's undeclared-vendor finding is in
// mixpanel_sink.cpp, the innermost function that knows that host.)
#include "event_sink.h"
#include "user.h"

#include <vector>

namespace tb::onboarding {

void announce(EventSink& sink, const User& user) {
  Event e;
  e.name = "signed_up";
  e.account = user.id;
  e.properties["contact"] = user.email;
  sink.send(e);  // expect: privacy-vendor-category user.contact.email posthog
}

void step_done(EventSink& sink, const User& user, int step) {
  Event e;
  e.name = "onboarding_step";
  e.account = user.id;
  e.properties["step"] = step;
  // Only declared data for PostHog. Mixpanel is undeclared, but that finding
  // is in mixpanel_sink.cpp, where the host is written.
  sink.send(e);  // expect-none
}

void run(const User& user) {
  std::vector<std::unique_ptr<EventSink>> sinks;
  sinks.push_back(make_posthog_sink());
  sinks.push_back(make_mixpanel_sink());
  for (auto& sink : sinks) {
    announce(*sink, user);  // expect-none
    step_done(*sink, user, 1);  // expect-none
  }
}

}  // namespace tb::onboarding
