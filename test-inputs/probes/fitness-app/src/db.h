#pragma once
#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "models.h"

namespace fitpulse {

class Database {
 public:
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class UserRepository {
 public:
  explicit UserRepository(Database& db) : db_(db) {}
  int64_t create(const User& user, const std::string& password);
  int64_t import_legacy(const LegacyAccount& account);
  std::optional<User> find(int64_t user_id);
  void update_city(int64_t user_id, const std::string& city);

 private:
  Database& db_;
};

class WorkoutRepository {
 public:
  explicit WorkoutRepository(Database& db) : db_(db) {}
  int64_t insert(const Workout& workout);
  void save_route(int64_t workout_id, const std::vector<GpsPoint>& route);
  void record_weight(int64_t user_id, double weight_kg);
  WeeklyStats weekly_stats(int64_t user_id);
  void write_offline_cache(int64_t user_id, const WeeklyStats& stats, const std::string& dir);

 private:
  Database& db_;
};

void purge_expired(Database& db);

}  // namespace fitpulse
