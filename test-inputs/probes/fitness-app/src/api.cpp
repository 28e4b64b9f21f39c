// FitPulse API server: the routes the mobile app calls.
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "analytics.h"
#include "db.h"
#include "notify.h"

namespace fitpulse {

namespace {

constexpr int kMaxRoutePoints = 20000;

int64_t authenticated_user(const httplib::Request& req) {
  // The edge proxy validates the session and forwards the account number.
  return req.has_header("X-FitPulse-User") ? std::stoll(req.get_header_value("X-FitPulse-User")) : 0;
}

Workout parse_workout(const nlohmann::json& body, int64_t user_id) {
  Workout workout;
  workout.user_id = user_id;
  workout.workout_type = body.value("type", "other");
  workout.duration_s = body.value("duration_s", 0);
  workout.step_count = body.value("steps", 0);
  workout.avg_heart_rate = body.value("avg_heart_rate", 0);
  for (const auto& sample : body.value("heart_rate_samples", nlohmann::json::array())) {
    workout.heart_rate_samples.push_back(sample.get<int>());
  }
  for (const auto& point : body.value("route", nlohmann::json::array())) {
    if (static_cast<int>(workout.route.size()) >= kMaxRoutePoints) break;
    workout.route.push_back({point.at("latitude").get<double>(), point.at("longitude").get<double>(), point.value("t", int64_t{0})});
  }
  return workout;
}

}  // namespace

void register_routes(httplib::Server& server, Database& db) {
  server.Post("/v1/signup", [&db](const httplib::Request& req, httplib::Response& res) {
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.contains("email") || !body.contains("password")) {
      res.status = 400;
      return;
    }
    const std::string contact = body.value("email", "");
    const std::string secret = body.value("password", "");
    const std::string dob = body.value("date_of_birth", "");
    spdlog::info("signup: creating account for {}", contact);  // expect: privacy-log-exposure user.contact.email log
    const bool has_dob = !dob.empty();
    spdlog::debug("signup: date of birth provided: {}", has_dob);  // expect-none: a bool derived from the date of birth holds no date of birth

    User user;
    user.email = contact;
    user.display_name = body.value("display_name", "");
    user.date_of_birth = dob;
    user.city = body.value("city", "");
    user.device_id = req.get_header_value("X-Device-Id");
    UserRepository users(db);
    try {
      user.id = users.create(user, secret);
    } catch (const std::exception& e) {
      analytics::report_signup_failure(contact, e.what());
      res.status = 500;
      return;
    }
    spdlog::info("signup: account {} created", user.id);  // expect-none: the account number is allowed in logs
    notify::send_welcome(user);
    res.set_content(nlohmann::json{{"id", user.id}}.dump(), "application/json");
  });

  server.Post("/v1/workouts", [&db](const httplib::Request& req, httplib::Response& res) {
    const int64_t user_id = authenticated_user(req);
    if (user_id == 0) {
      spdlog::warn("unauthenticated workout upload from {}", req.remote_addr);  // expect: privacy-undeclared-category user.device.ip_address log
      res.status = 401;
      return;
    }
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      res.status = 400;
      return;
    }
    Workout workout = parse_workout(body, user_id);
    WorkoutRepository workouts(db);
    workout.id = workouts.insert(workout);
    if (!workout.route.empty()) workouts.save_route(workout.id, workout.route);
    const size_t point_count = workout.route.size();
    std::clog << "workout " << workout.id << " stored with " << point_count << " route points" << std::endl;  // expect-none: a record id and a count of points (a size_t count holds no coordinates)

    if (auto user = UserRepository(db).find(user_id)) {
      analytics::workout_completed(*user, workout);
      notify::push_workout_saved(*user, workout);
    }
    res.set_content(nlohmann::json{{"id", workout.id}}.dump(), "application/json");
  });

  server.Post("/v1/weight", [&db](const httplib::Request& req, httplib::Response& res) {
    const int64_t user_id = authenticated_user(req);
    const auto body = nlohmann::json::parse(req.body, nullptr, false);
    if (user_id == 0 || body.is_discarded() || !body.contains("weight_kg")) {
      res.status = 400;
      return;
    }
    const double reading = body.at("weight_kg").get<double>();
    WorkoutRepository(db).record_weight(user_id, reading);
    std::cerr << "weight entry for user " << user_id << ": " << reading << " kg" << std::endl;  // expect: privacy-log-exposure user.health_and_medical.weight log
    res.status = 204;
  });

  server.Get("/v1/summary", [&db](const httplib::Request& req, httplib::Response& res) {
    const int64_t user_id = authenticated_user(req);
    WorkoutRepository workouts(db);
    const WeeklyStats stats = workouts.weekly_stats(user_id);
    workouts.write_offline_cache(user_id, stats, "/var/cache/fitpulse");
    res.set_content(nlohmann::json{{"workouts", stats.workouts}, {"steps", stats.total_steps}, {"active_minutes", stats.active_minutes}}.dump(), "application/json");
  });
}

}  // namespace fitpulse

int main() {
  const char* db_path = std::getenv("FITPULSE_DB");
  fitpulse::Database db(db_path != nullptr ? db_path : "/var/lib/fitpulse/fitpulse.db");
  httplib::Server server;
  fitpulse::register_routes(server, db);
  spdlog::info("fitpulse api listening on :8080");
  server.listen("0.0.0.0", 8080);
  return 0;
}
