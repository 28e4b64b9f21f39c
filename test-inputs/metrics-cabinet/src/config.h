// Metrics Cabinet: deployment configuration.
//
// Hosts are compile-time constants where they never change (Stripe, our own
// domains); everything an operator may move lives in the environment, with the
// production value as the default so that a bare `docker run` talks to prod.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <string>

// The ingest host is also baked into the agent package's default config.
#define MCAB_INGEST_HOST "ingest.uni-moni.com"

namespace mcab::config {

// --- our own hosts ------------------------------------------------------------
inline constexpr const char* kCabinetBaseUrl = "https://app.uni-moni.com";
inline constexpr const char* kIngestUrl = "https://" MCAB_INGEST_HOST "/api/v1/ingest";
// Internal mail relay (Postfix + a small HTTP front); sends incident and
// security notifications from notifications@uni-moni.com.
inline constexpr const char* kMailerUrl = "https://mailer.uni-moni.com/v1/messages";

// --- third parties ------------------------------------------------------------
inline constexpr const char* kStripeApiBase = "https://api.stripe.com/v1";
inline constexpr const char* kStripeApiVersion = "2024-06-20";
// #ops-incidents in the company Slack workspace.
inline constexpr const char* kOpsSlackWebhook =
    "https://hooks.slack.com/services/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";

// --- secrets and connection strings ---------------------------------------------
inline std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : std::string(fallback);
}

struct Settings {
  std::string database_url;
  std::string redis_host;
  int redis_port = 6379;
  std::string analytics_db_path;
  std::string stripe_secret_key;
  std::string sendgrid_api_key;
  // 32 bytes, hex: the libsodium secretbox key for TOTP secrets and OAuth
  // tokens. Rotated with scripts/rotate-box-key.sh.
  std::string box_key_hex;
  bool production = true;
};

inline Settings load_settings() {
  Settings s;
  s.database_url = env_or("MCAB_DATABASE_URL", "postgresql://cabinet@db.internal.uni-moni.com/cabinet");
  s.redis_host = env_or("MCAB_REDIS_HOST", "redis.internal.uni-moni.com");
  s.redis_port = std::atoi(env_or("MCAB_REDIS_PORT", "6379").c_str());
  s.analytics_db_path = env_or("MCAB_ANALYTICS_DB", "/var/lib/mcab/analytics.sqlite3");
  s.stripe_secret_key = env_or("STRIPE_SECRET_KEY", "");
  s.sendgrid_api_key = env_or("SENDGRID_API_KEY", "");
  s.box_key_hex = env_or("MCAB_BOX_KEY", "");
  s.production = env_or("MCAB_ENV", "production") == "production";
  return s;
}

}  // namespace mcab::config
