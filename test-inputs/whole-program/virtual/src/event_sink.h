// The analytics interface. An Event carries name-neutral properties: which
// data they hold is known only where an event is built (onboarding.cpp).
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

namespace tb {

struct Event {
  std::string name;
  long account = 0;
  nlohmann::json properties = nlohmann::json::object();
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void send(const Event& e) = 0;
};

// Defined in posthog_sink.cpp and mixpanel_sink.cpp.
std::unique_ptr<EventSink> make_posthog_sink();
std::unique_ptr<EventSink> make_mixpanel_sink();

}  // namespace tb
