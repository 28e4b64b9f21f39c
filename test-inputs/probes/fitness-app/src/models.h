#pragma once
// Domain types shared by the API server, the repositories and the notifiers.
#include <cstdint>
#include <string>
#include <vector>

namespace fitpulse {

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string city;
  std::string device_id;      // app installation id
};

struct GpsPoint {
  double latitude = 0.0;
  double longitude = 0.0;
  int64_t recorded_at = 0;
};

struct Workout {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string workout_type;  // "run", "ride", "strength", ...
  int duration_s = 0;
  int step_count = 0;
  int avg_heart_rate = 0;
  std::vector<int> heart_rate_samples;
  std::vector<GpsPoint> route;
};

struct WeeklyStats {
  int workouts = 0;
  int total_steps = 0;
  int active_minutes = 0;
  int resting_heart_rate = 0;
  double weight_kg = 0.0;
};

// Accounts imported from the Pulsr acquisition (see tools/import_pulsr).
struct LegacyAccount {
  std::string email;
  std::string display_name;
  std::string password;  // Pulsr kept plaintext; we re-hash on first login
};

}  // namespace fitpulse
