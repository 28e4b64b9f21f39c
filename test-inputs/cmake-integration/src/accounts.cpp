// Changing a password: the policy says passwords are stored only hashed, but
// this stores it as typed.
#include <sqlite3.h>
#include <string>

bool set_password(sqlite3* db, long long account_id, const std::string& password) {
  sqlite3_stmt* update = nullptr;
  if (sqlite3_prepare_v2(db, "UPDATE accounts SET password = ?1 WHERE id = ?2", -1, &update, nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_text(update, 1, password.c_str(), -1, SQLITE_TRANSIENT);  // expect: privacy-storage-protection user.authorization.password storage
  sqlite3_bind_int64(update, 2, account_id);
  const bool done = sqlite3_step(update) == SQLITE_DONE;
  sqlite3_finalize(update);
  return done;
}
