// Anastig: deployment settings.
//
// Hosts that are part of the product are constants. Hosts an operator may
// point elsewhere (the managed bucket, the database) come from the
// environment, defaulting to production.
#pragma once

#include <cstdlib>
#include <string>

namespace anastig::settings {

inline constexpr const char* kSiteUrl = "https://app.anastig.ai";
inline constexpr const char* kResendEmailsUrl = "https://api.resend.com/emails";
inline constexpr const char* kMailFrom = "Anastig <no-reply@anastig.ai>";
inline constexpr const char* kSupportInbox = "support@anastig.ai";

inline std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? std::string(value) : std::string(fallback);
}

// The managed bucket ("our managed bucket for image and export storage").
inline std::string s3_endpoint() {
  return env_or("ANASTIG_S3_ENDPOINT", "https://s3.eu-central-1.amazonaws.com");
}
inline std::string s3_bucket() { return env_or("ANASTIG_S3_BUCKET", "anastig-workspaces-prod"); }
inline std::string s3_region() { return env_or("ANASTIG_S3_REGION", "eu-central-1"); }

struct Settings {
  std::string database_url;
  std::string redis_host;
  int redis_port = 6379;
  std::string resend_api_key;
  std::string s3_access_key_id;
  std::string s3_secret_key;
  // AES-256-GCM key for MFA secrets, base64 (32 bytes).
  std::string mfa_key_b64;
  std::string mixpanel_token;
  bool debug = false;
};

inline Settings load() {
  Settings s;
  s.database_url = env_or("DATABASE_URL", "postgresql://anastig@db.internal.anastig.ai/anastig");
  s.redis_host = env_or("REDIS_HOST", "redis.internal.anastig.ai");
  s.redis_port = std::atoi(env_or("REDIS_PORT", "6379").c_str());
  s.resend_api_key = env_or("RESEND_API_KEY", "");
  s.s3_access_key_id = env_or("ANASTIG_S3_ACCESS_KEY_ID", "");
  s.s3_secret_key = env_or("ANASTIG_S3_SECRET_KEY", "");
  s.mfa_key_b64 = env_or("ANASTIG_MFA_KEY", "");
  s.mixpanel_token = env_or("MIXPANEL_TOKEN", "");
  s.debug = env_or("ANASTIG_DEBUG", "0") == "1";
  return s;
}

}  // namespace anastig::settings
