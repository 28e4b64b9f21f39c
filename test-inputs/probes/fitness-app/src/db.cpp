// SQLite persistence for the FitPulse API server. Statements are prepared per
// call; the schema lives in db/schema.sql.
#include "db.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>

#include "crypto.h"

namespace fitpulse {

namespace retention {
// Trend charts go back two years.
constexpr auto kHeartRateRetention = std::chrono::hours(24 * 365 * 2);  // expect: privacy-retention user.health_and_medical.heart_rate -
// Weight history shown in the app: the last 360 days.
constexpr auto kWeightRetention = std::chrono::hours(24 * 360);  // expect-none: 360 days is shorter than the policy's 18mo for weight
}  // namespace retention

namespace {

struct Statement {
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(db));
    }
  }
  ~Statement() { sqlite3_finalize(stmt); }
  sqlite3_stmt* stmt = nullptr;
};

void step_done(sqlite3* db, sqlite3_stmt* stmt) {
  if (sqlite3_step(stmt) != SQLITE_DONE) {
    spdlog::error("sqlite step failed: {}", sqlite3_errmsg(db));  // expect-none: only the SQLite error text, no user data
  }
}

std::string column_text(sqlite3_stmt* stmt, int col) {
  const unsigned char* text = sqlite3_column_text(stmt, col);
  return text != nullptr ? reinterpret_cast<const char*>(text) : "";
}

}  // namespace

Database::Database(const std::string& path) {
  if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
  sqlite3_exec(db_, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;", nullptr, nullptr, nullptr);
}

Database::~Database() { sqlite3_close(db_); }

int64_t UserRepository::create(const User& user, const std::string& password) {
  const std::string salt = crypto::random_salt();
  const std::string digest = crypto::sha256_hex(salt + password);
  Statement q(db_.handle(), "INSERT INTO users (email, display_name, date_of_birth, city, password_salt, password_sha256) VALUES (?, ?, ?, ?, ?, ?)");
  sqlite3_bind_text(q.stmt, 1, user.email.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: email is declared and has no storage rule
  sqlite3_bind_text(q.stmt, 2, user.display_name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.stmt, 3, user.date_of_birth.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.stmt, 4, user.city.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.stmt, 5, salt.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.stmt, 6, digest.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: salted SHA-256 of the password, as storage: hashed / hash: digest asks
  step_done(db_.handle(), q.stmt);
  return sqlite3_last_insert_rowid(db_.handle());
}

// Pulsr accounts are copied as they are; the login handler re-hashes the
// password on the first successful sign-in.
int64_t UserRepository::import_legacy(const LegacyAccount& account) {
  Statement q(db_.handle(), "INSERT INTO users (email, display_name, legacy_password, needs_rehash) VALUES (?, ?, ?, 1)");
  sqlite3_bind_text(q.stmt, 1, account.email.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.stmt, 2, account.display_name.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(q.stmt, 3, account.password.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-storage-protection user.authorization.password storage
  step_done(db_.handle(), q.stmt);
  return sqlite3_last_insert_rowid(db_.handle());
}

std::optional<User> UserRepository::find(int64_t user_id) {
  Statement q(db_.handle(), "SELECT id, email, display_name, date_of_birth, city, device_id FROM users WHERE id = ?");
  sqlite3_bind_int64(q.stmt, 1, user_id);
  if (sqlite3_step(q.stmt) != SQLITE_ROW) return std::nullopt;
  User user;
  user.id = sqlite3_column_int64(q.stmt, 0);
  user.email = column_text(q.stmt, 1);
  user.display_name = column_text(q.stmt, 2);
  user.date_of_birth = column_text(q.stmt, 3);
  user.city = column_text(q.stmt, 4);
  user.device_id = column_text(q.stmt, 5);
  return user;
}

void UserRepository::update_city(int64_t user_id, const std::string& city) {
  Statement q(db_.handle(), "UPDATE users SET city = ? WHERE id = ?");
  sqlite3_bind_text(q.stmt, 1, city.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(q.stmt, 2, user_id);
  step_done(db_.handle(), q.stmt);
}

int64_t WorkoutRepository::insert(const Workout& workout) {
  Statement q(db_.handle(), "INSERT INTO workouts (user_id, workout_type, duration_s, step_count, avg_heart_rate) VALUES (?, ?, ?, ?, ?)");
  sqlite3_bind_int64(q.stmt, 1, workout.user_id);
  sqlite3_bind_text(q.stmt, 2, workout.workout_type.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(q.stmt, 3, workout.duration_s);
  sqlite3_bind_int(q.stmt, 4, workout.step_count);
  sqlite3_bind_int(q.stmt, 5, workout.avg_heart_rate);  // expect-none: heart rate is declared and has no storage rule
  step_done(db_.handle(), q.stmt);
  const int64_t workout_id = sqlite3_last_insert_rowid(db_.handle());

  Statement samples(db_.handle(), "INSERT INTO heart_rate_samples (workout_id, seq, bpm) VALUES (?, ?, ?)");
  int seq = 0;
  for (int bpm : workout.heart_rate_samples) {
    sqlite3_reset(samples.stmt);
    sqlite3_bind_int64(samples.stmt, 1, workout_id);
    sqlite3_bind_int(samples.stmt, 2, seq++);
    sqlite3_bind_int(samples.stmt, 3, bpm);
    step_done(db_.handle(), samples.stmt);
  }
  return workout_id;
}

// The mobile app still uploads the raw GPS track with every outdoor workout.
void WorkoutRepository::save_route(int64_t workout_id, const std::vector<GpsPoint>& route) {
  Statement q(db_.handle(), "INSERT INTO workout_routes (workout_id, latitude, longitude, recorded_at) VALUES (?, ?, ?, ?)");
  for (const GpsPoint& point : route) {
    sqlite3_reset(q.stmt);
    sqlite3_bind_int64(q.stmt, 1, workout_id);
    sqlite3_bind_double(q.stmt, 2, point.latitude);  // expect: privacy-not-collected user.location.precise storage
    sqlite3_bind_double(q.stmt, 3, point.longitude);  // expect: privacy-not-collected user.location.precise storage
    sqlite3_bind_int64(q.stmt, 4, point.recorded_at);
    step_done(db_.handle(), q.stmt);
  }
}

void WorkoutRepository::record_weight(int64_t user_id, double weight_kg) {
  const std::string sealed = crypto::seal(std::to_string(weight_kg));
  Statement q(db_.handle(), "INSERT INTO weight_entries (user_id, sealed_value, created_at) VALUES (?, ?, strftime('%s','now'))");
  sqlite3_bind_int64(q.stmt, 1, user_id);
  sqlite3_bind_blob(q.stmt, 2, sealed.data(), static_cast<int>(sealed.size()), SQLITE_TRANSIENT);  // expect-none: weight encrypted with crypto::seal (AES-256-GCM), as storage: encrypted asks
  step_done(db_.handle(), q.stmt);
}

WeeklyStats WorkoutRepository::weekly_stats(int64_t user_id) {
  Statement q(db_.handle(), "SELECT count(*), coalesce(sum(step_count), 0), coalesce(sum(duration_s), 0) / 60 FROM workouts WHERE user_id = ? AND created_at > strftime('%s','now') - 7 * 86400");
  sqlite3_bind_int64(q.stmt, 1, user_id);
  WeeklyStats stats;
  if (sqlite3_step(q.stmt) == SQLITE_ROW) {
    stats.workouts = sqlite3_column_int(q.stmt, 0);
    stats.total_steps = sqlite3_column_int(q.stmt, 1);
    stats.active_minutes = sqlite3_column_int(q.stmt, 2);
  }
  return stats;
}

// Cache read by the summary endpoint when the database is busy.
void WorkoutRepository::write_offline_cache(int64_t user_id, const WeeklyStats& stats, const std::string& dir) {
  std::ofstream cache(dir + "/weekly-" + std::to_string(user_id) + ".csv", std::ios::trunc);
  if (!cache) return;
  cache << "workouts,steps,active_minutes\n";  // expect-none: a constant header line
  cache << stats.workouts << ',' << stats.total_steps << ',' << stats.active_minutes << '\n';
  cache << "weight_kg\n" << stats.weight_kg << '\n';  // expect: privacy-storage-protection user.health_and_medical.weight storage
}

// Nightly job (cron: fitpulse-api --purge).
void purge_expired(Database& db) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
  Statement samples(db.handle(), "DELETE FROM heart_rate_samples WHERE workout_id IN (SELECT id FROM workouts WHERE created_at < ?)");
  sqlite3_bind_int64(samples.stmt, 1, (now - std::chrono::duration_cast<std::chrono::seconds>(retention::kHeartRateRetention)).count());
  step_done(db.handle(), samples.stmt);
  Statement weights(db.handle(), "DELETE FROM weight_entries WHERE created_at < ?");
  sqlite3_bind_int64(weights.stmt, 1, (now - std::chrono::duration_cast<std::chrono::seconds>(retention::kWeightRetention)).count());
  step_done(db.handle(), weights.stmt);
}

}  // namespace fitpulse
