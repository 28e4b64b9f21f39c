#pragma once
// Dispatch domain types shared by the rider, driver and back-office paths.
#include <cstdint>
#include <map>
#include <string>

namespace kerbside {

struct GeoPoint {
  double latitude = 0.0;
  double longitude = 0.0;
};

struct Rider {
  int64_t rider_id = 0;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone_number;
  std::string device_id;  // OneSignal subscription id of the rider app install
  std::string gender;     // "women-preferred rides" pilot, Lisbon only
};

struct Driver {
  int64_t driver_id = 0;
  std::string first_name;
  std::string last_name;
  std::string phone_number;
  std::string drivers_license_number;
  std::string car_description;
  GeoPoint last_position;
};

enum class TripState { Requested, Offered, Accepted, PickedUp, Completed, Cancelled };

struct Trip {
  int64_t trip_id = 0;
  int64_t rider_id = 0;
  int64_t driver_id = 0;
  GeoPoint pickup;
  GeoPoint dropoff;
  TripState state = TripState::Requested;
  long fare_cents = 0;
  int rating = 0;
  std::string feedback_text;
};

// One analytics event, as handed to an EventSink.
struct Event {
  std::string user_id;
  std::string device_id;
  std::string event_type;
  std::map<std::string, std::string> properties;
};

}  // namespace kerbside
