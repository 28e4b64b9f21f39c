// Anastig: security events ("failed logins, throttle hits, account
// changes"), written to the auth syslog facility for the SIEM and to the
// security_events table for the admin console.
#pragma once

#include "models.h"

#include <libpq-fe.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace anastig::security {

// "Security event logs are retained for up to 24 months". The SOC 2 auditor
// asked for three years of evidence, so the table keeps 36 months.
constexpr std::chrono::hours kSecurityEventRetention{24 * 30 * 36};  // expect: privacy-retention user.behavior.security_event -

class SecurityLog {
 public:
  explicit SecurityLog(PGconn* conn);
  ~SecurityLog();

  void failed_login(const std::string& email, const std::string& remote_addr,
                    const std::string& user_agent);
  void throttle_hit(UserId user_id, const std::string& route, int throttle_hits);
  void account_change(UserId user_id, const std::string& what, bool mfa_enabled);

  // The admin console's "recent security events" panel for one account.
  nlohmann::json recent_events(UserId user_id, int limit = 50);

  // Deletes rows older than kSecurityEventRetention; run by the nightly job.
  void purge_expired();

 private:
  void emit(const std::string& line);
  void store(UserId user_id, SecurityEventKind kind, const std::string& ip_address,
             const std::string& detail);

  PGconn* conn_;
};

}  // namespace anastig::security
