// Product analytics. Call sites build an Event and hand it to an EventSink;
// production wires the Amplitude HTTP V2 sink (tests use a recording sink in
// their own binary).
#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

#include "config.h"
#include "log.h"
#include "models.h"

namespace kerbside::analytics {

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void send(const Event& event) = 0;
};

class AmplitudeSink final : public EventSink {
 public:
  AmplitudeSink() : curl_(curl_easy_init()) {}
  ~AmplitudeSink() override { curl_easy_cleanup(curl_); }

  void send(const Event& event) override {
    const Config& cfg = Config::instance();
    nlohmann::json item = {{"user_id", event.user_id}, {"event_type", event.event_type}, {"time", now_ms()}, {"event_properties", event.properties}};
    if (!event.device_id.empty()) item["device_id"] = event.device_id;
    const nlohmann::json payload = {{"api_key", cfg.amplitude_api_key}, {"events", nlohmann::json::array({item})}};
    const std::string body = payload.dump();
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, cfg.amplitude_url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());  // expect: privacy-vendor-category user.device.device_id amplitude
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 3L);
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
      LOG_WARN("amplitude: {} dropped: {}", event.event_type, curl_easy_strerror(rc));  // expect-none: an event name and curl's error text
    }
  }

 private:
  static long long now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  CURL* curl_;
};

std::unique_ptr<EventSink> make_event_sink() {
  return std::make_unique<AmplitudeSink>();
}

namespace {

Event base_event(const Rider& rider, std::string type) {
  Event event;
  event.user_id = std::to_string(rider.rider_id);
  event.device_id = rider.device_id;
  event.event_type = std::move(type);
  return event;
}

}  // namespace

void track_app_opened(EventSink& sink, const Rider& rider, const std::string& entry_screen) {
  Event event = base_event(rider, "app_opened");
  event.properties["entry_screen"] = entry_screen;
  sink.send(event);  // expect-none: rider number and the screen opened, both in Amplitude's receives (the device id is judged inside AmplitudeSink::send)
}

void track_signup(EventSink& sink, const Rider& rider, const std::string& signup_channel) {
  Event event = base_event(rider, "signed_up");
  event.properties["channel"] = signup_channel;
  if (!rider.gender.empty()) event.properties["gender"] = rider.gender;
  sink.send(event);  // expect: privacy-undeclared-category user.demographic.gender amplitude
}

void track_trip_completed(EventSink& sink, const Rider& rider, const Trip& trip) {
  Event event = base_event(rider, "trip_completed");
  event.properties["fare_cents"] = std::to_string(trip.fare_cents);
  const auto& [lat, lng] = trip.dropoff;
  event.properties["dropoff"] = fmt::format("{:.4f},{:.4f}", lat, lng);
  sink.send(event);  // expect: privacy-vendor-category user.location.precise amplitude
}

void track_rating(EventSink& sink, const Rider& rider, const Trip& trip) {
  Event event = base_event(rider, "trip_rated");
  event.properties["rating"] = std::to_string(trip.rating);
  event.properties["has_comment"] = trip.feedback_text.empty() ? "false" : "true";
  sink.send(event);  // expect-none: a rating and a yes/no literal, no comment text
  LOG_INFO("trip {} rated {} ({} chars of feedback)", trip.trip_id, trip.rating, trip.feedback_text.size());  // expect-none: a trip number, a rating and a length
  if (trip.rating <= 2) {
    LOG_WARN("low rating {} on trip {}: \"{}\"", trip.rating, trip.trip_id, trip.feedback_text);  // expect: privacy-log-exposure user.content.trip_feedback log
  }
}

}  // namespace kerbside::analytics
