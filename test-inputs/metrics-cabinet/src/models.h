// Metrics Cabinet: the records the cabinet, the billing code and the agent
// share. Plain structs; persistence lives in the services.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mcab {

using AccountId = std::int64_t;
using Clock = std::chrono::system_clock;

struct Account {
  AccountId id = 0;
  std::string email;
  std::string name;
  std::string password_hash;  // crypto_pwhash_str (Argon2id) output
  bool totp_enabled = false;
  std::string stripe_customer_id;
  std::string plan;  // "starter" | "pro" | "custom"
  Clock::time_point created_at;
};

// The legal entity invoices are made out to.
struct InvoiceAddress {
  std::string company;
  std::string line1;
  std::string line2;
  std::string postal_code;
  std::string city;
  std::string state;
  std::string country;  // ISO 3166-1 alpha-2
};

// A sign-in provider link ("Sign in with GitHub / Google").
struct OAuthLink {
  std::string provider;  // "github" | "google"
  std::string subject;   // the provider's user id
  std::string oauth_access_token;
  std::string oauth_refresh_token;
  Clock::time_point expires_at;
};

struct MetricSample {
  std::string metric_name;
  double metric_value = 0.0;
  std::int64_t ts_ms = 0;
  std::map<std::string, std::string> metric_labels;
};

// What the agent reports about the machine it runs on, once per connection.
struct AgentFacts {
  std::string hostname;
  std::string os_name;
  std::string os_version;
  std::string cpu_model;
  unsigned cpu_cores = 0;
  std::string agent_version;
};

enum class Severity { Minor, Major, Critical };

struct Incident {
  std::string id;  // "inc_2026_05_14_eu1"
  std::string title;
  std::string region;
  Severity severity = Severity::Minor;
  std::string status_page_url;
  Clock::time_point started_at;
};

// Someone who is told about an incident: the account owner and any
// teammates who opted in to incident mail.
struct Recipient {
  AccountId account_id = 0;
  std::string email;
  std::string name;
};

// A notification channel the customer configured in the cabinet.
struct NotificationChannel {
  std::int64_t id = 0;
  AccountId account_id = 0;
  std::string kind;  // "webhook" | "slack" | "telegram"
  std::string webhook_url;
};

struct ApiKeyRecord {
  std::int64_t id = 0;
  AccountId account_id = 0;
  std::string label;
  bool revoked = false;
};

inline const char* to_string(Severity s) {
  switch (s) {
    case Severity::Minor: return "minor";
    case Severity::Major: return "major";
    case Severity::Critical: return "critical";
  }
  return "unknown";
}

}  // namespace mcab
