// The personal data comes from here: the email and display name read into
// locals named for them, and the IP address known only by its SQL column.
// Reading is no sink: nothing is reported in this file.
#include "repo.h"

#include <sqlite3.h>

namespace tb::repo {

namespace {

sqlite3* g_db = nullptr;

std::string read_text_column(const char* sql, long id) {
  std::string out;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(g_db, sql, -1, &st, nullptr) != SQLITE_OK) return out;
  sqlite3_bind_int64(st, 1, id);  // expect-none
  if (sqlite3_step(st) == SQLITE_ROW) {
    if (const unsigned char* text = sqlite3_column_text(st, 0)) out = reinterpret_cast<const char*>(text);
  }
  sqlite3_finalize(st);
  return out;
}

}  // namespace

void open(const std::string& path) { sqlite3_open(path.c_str(), &g_db); }

sqlite3* handle() { return g_db; }

std::string lookup_contact(long id) {
  sqlite3_stmt* st = nullptr;
  std::string email;
  if (sqlite3_prepare_v2(g_db, "SELECT email FROM accounts WHERE id = ?1", -1, &st, nullptr) != SQLITE_OK) return email;
  sqlite3_bind_int64(st, 1, id);  // expect-none
  if (sqlite3_step(st) == SQLITE_ROW) {
    email = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  return email;
}

std::string label_for(long id) {
  const std::string display_name = read_text_column("SELECT display_name FROM accounts WHERE id = ?1", id);
  return display_name;
}

std::string last_seen_from(long id) {
  // Only the SQL column says what this is: the client IP of the last session.
  return read_text_column("SELECT ip_address FROM sessions WHERE account_id = ?1 ORDER BY started_at DESC LIMIT 1", id);
}

}  // namespace tb::repo
