// Driver accounts in SQLite: onboarding, the CityCab fleet import, trip
// feedback, the nightly background-check export and the GPS-track purge.
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "log.h"
#include "models.h"
#include "support.h"

namespace kerbside {

namespace retention {
constexpr auto kDriverTrackRetention = std::chrono::hours(24 * 180);  // expect: privacy-retention user.location.precise -
constexpr auto kTripCommentRetention = std::chrono::hours(24 * 180);  // expect-none: 180 days is within the comments' 1y
}  // namespace retention

struct DriverSignup {
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone_number;
  std::string password;
  std::string drivers_license_number;
  std::string ssn;  // still posted by the 2019 onboarding form
};

// One row of the CityCab export (acquired fleet, March 2026).
struct CityCabRow {
  std::string email;
  std::string password;  // CityCab kept them in clear; re-hashed on first login
  std::string phone_number;
};

class DriverRepository {
 public:
  explicit DriverRepository(sqlite3* db) : db_(db) {}

  int64_t create(const DriverSignup& signup) {
    const std::string pw = crypto::hash_password(signup.password);
    const std::string licence = crypto::seal(signup.drivers_license_number);
    sqlite3_stmt* stmt = prepare("INSERT INTO drivers (first_name, last_name, email, phone_number, password_hash, licence_sealed, ssn) VALUES (?, ?, ?, ?, ?, ?, ?)");
    sqlite3_bind_text(stmt, 1, signup.first_name.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: names are declared and have no storage rule
    sqlite3_bind_text(stmt, 2, signup.last_name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 3, signup.email.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 4, signup.phone_number.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(stmt, 5, pw.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: PBKDF2 hash (crypto::hash_password, a hashed transform in the policy)
    sqlite3_bind_text(stmt, 6, licence.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: the licence number sealed with crypto::seal (encrypted)
    sqlite3_bind_text(stmt, 7, signup.ssn.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-not-collected user.government_id.national_identification_number storage
    return step_insert(stmt);
  }

  // The CityCab drivers sign in once with their old password, which is then
  // re-hashed; until then the import keeps it as it came.
  void import_citycab(const std::vector<CityCabRow>& rows) {
    sqlite3_stmt* stmt = prepare("INSERT INTO drivers (email, phone_number, legacy_password) VALUES (?, ?, ?)");
    for (const CityCabRow& row : rows) {
      sqlite3_reset(stmt);
      sqlite3_bind_text(stmt, 1, row.email.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 2, row.phone_number.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(stmt, 3, row.password.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-storage-protection user.authorization.password storage
      if (sqlite3_step(stmt) != SQLITE_DONE) LOG_ERROR("citycab import: {}", sqlite3_errmsg(db_));  // expect-none: the SQLite error text
    }
    sqlite3_finalize(stmt);
    LOG_INFO("citycab import: {} drivers", rows.size());  // expect-none: a count
  }

  void save_feedback(const Trip& trip) {
    const std::string& comment = trip.feedback_text;
    sqlite3_stmt* stmt = prepare("INSERT INTO trip_feedback (trip_id, rating, comment) VALUES (?, ?, ?)");
    sqlite3_bind_int64(stmt, 1, trip.trip_id);
    sqlite3_bind_int(stmt, 2, trip.rating);
    sqlite3_bind_text(stmt, 3, comment.c_str(), -1, SQLITE_TRANSIENT);  // expect-none: trip feedback is declared and has no storage rule
    step_insert(stmt);
  }

  std::optional<Driver> find(int64_t driver_id) {
    sqlite3_stmt* stmt = prepare("SELECT first_name, last_name, phone_number FROM drivers WHERE id = ?");
    sqlite3_bind_int64(stmt, 1, driver_id);
    std::optional<Driver> found;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      Driver driver;
      driver.driver_id = driver_id;
      driver.first_name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      driver.last_name = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1));
      driver.phone_number = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 2));
      found = std::move(driver);
    }
    sqlite3_finalize(stmt);
    if (!found) LOG_INFO("driver {} not found", driver_id);  // expect-none: a driver number, allowed in logs
    return found;
  }

  // Nightly file for the background-check provider's SFTP drop.
  void export_background_checks(const std::vector<Driver>& drivers, const std::string& path) {
    std::ofstream csv(path, std::ios::trunc);
    csv << "driver_id,last_name,licence\n";
    for (const Driver& d : drivers) {
      csv << d.driver_id << ',' << d.last_name << ',' << d.drivers_license_number << '\n';  // expect: privacy-storage-protection user.government_id.drivers_license_number storage
    }
  }

  void purge_driver_tracks() {
    const auto cutoff = std::chrono::system_clock::now() - retention::kDriverTrackRetention;
    sqlite3_stmt* stmt = prepare("DELETE FROM driver_pings WHERE at < ?");
    sqlite3_bind_int64(stmt, 1, std::chrono::duration_cast<std::chrono::seconds>(cutoff.time_since_epoch()).count());
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
  }

 private:
  sqlite3_stmt* prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db_));
    return stmt;
  }

  int64_t step_insert(sqlite3_stmt* stmt) {
    const bool ok = sqlite3_step(stmt) == SQLITE_DONE;
    sqlite3_finalize(stmt);
    return ok ? sqlite3_last_insert_rowid(db_) : 0;
  }

  sqlite3* db_;
};

}  // namespace kerbside
