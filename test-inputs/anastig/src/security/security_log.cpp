// Anastig: security event log.
#include "security/security_log.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <syslog.h>

#include <cstdio>
#include <string>

namespace anastig::security {

SecurityLog::SecurityLog(PGconn* conn) : conn_(conn) {
  openlog("anastig", LOG_PID | LOG_NDELAY, LOG_AUTHPRIV);
}

SecurityLog::~SecurityLog() { closelog(); }

void SecurityLog::emit(const std::string& line) {
  syslog(LOG_AUTHPRIV | LOG_NOTICE, "%s", line.c_str());  // expect-none
}

void SecurityLog::store(UserId user_id, SecurityEventKind kind, const std::string& ip_address,
                        const std::string& detail) {
  const std::string user = user_id != 0 ? std::to_string(user_id) : std::string();
  const char* params[4] = {user.empty() ? nullptr : user.c_str(), to_string(kind), ip_address.c_str(),
                           detail.c_str()};
  PGresult* res = PQexecParams(conn_,  // expect: privacy-undeclared-category user.device.ip_address storage
                               "INSERT INTO security_events (user_id, kind, ip_address, detail, at) "
                               "VALUES ($1::bigint, $2, $3::inet, $4, now())",
                               4, nullptr, params, nullptr, nullptr, 0);
  if (PQresultStatus(res) != PGRES_COMMAND_OK)
    spdlog::error("security: could not store {} event: {}", to_string(kind), PQerrorMessage(conn_));  // expect-none
  PQclear(res);
}

void SecurityLog::failed_login(const std::string& email, const std::string& remote_addr,
                               const std::string& user_agent) {
  char line[512];
  std::snprintf(line, sizeof line, "security_event=failed_login email=%s", email.c_str());
  emit(line);  // expect: privacy-log-exposure user.contact.email log
  spdlog::info("security_event=failed_login ua=\"{}\"", user_agent);  // expect: privacy-log-exposure user.device.telemetry log
  store(0, SecurityEventKind::FailedLogin, remote_addr, "password mismatch");  // expect-none
}

void SecurityLog::throttle_hit(UserId user_id, const std::string& route, int throttle_hits) {
  emit(fmt::format("security_event=throttle_hit user={} route={} throttle_hits={}", user_id, route,  // expect-none
                   throttle_hits));
  if (throttle_hits == 1)
    store(user_id, SecurityEventKind::ThrottleHit, "", route);
}

void SecurityLog::account_change(UserId user_id, const std::string& what, bool mfa_enabled) {
  emit(fmt::format("security_event=account_change user={} what={}", user_id, what));  // expect-none
  spdlog::info("security_event=account_change user={} mfa_enabled={}", user_id, mfa_enabled);  // expect-none
  store(user_id, SecurityEventKind::AccountChange, "", what);
}

nlohmann::json SecurityLog::recent_events(UserId user_id, int limit) {
  const std::string user = std::to_string(user_id);
  const std::string max_rows = std::to_string(limit);
  const char* params[2] = {user.c_str(), max_rows.c_str()};
  PGresult* res = PQexecParams(conn_,  // expect-none
                               "SELECT kind, detail, at FROM security_events WHERE user_id = $1::bigint "
                               "ORDER BY at DESC LIMIT $2::int",
                               2, nullptr, params, nullptr, nullptr, 0);
  nlohmann::json events = nlohmann::json::array();
  for (int row = 0; row < PQntuples(res); ++row) {
    events.push_back({{"kind", PQgetvalue(res, row, 0)},
                      {"detail", PQgetvalue(res, row, 1)},
                      {"at", PQgetvalue(res, row, 2)}});
  }
  PQclear(res);
  return events;
}

void SecurityLog::purge_expired() {
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(kSecurityEventRetention).count();
  const std::string sql =
      fmt::format("DELETE FROM security_events WHERE at < now() - interval '{} hours'", hours);
  PGresult* res = PQexec(conn_, sql.c_str());
  const char* removed = PQcmdTuples(res);
  spdlog::info("security: purged {} events older than {} h", removed, hours);  // expect-none
  PQclear(res);
}

}  // namespace anastig::security
