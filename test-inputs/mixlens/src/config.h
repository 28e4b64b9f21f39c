// MixLens configuration: hosts, buckets and secrets.
//
// Secrets only ever come from the environment (Railway variables); hosts have
// production defaults so that a developer machine talks to the same services.
#pragma once

#include <cstdlib>
#include <string>

#define MIXLENS_VERSION "1.14.0"
#define MIXLENS_PUBLIC_URL "https://mixlens.io"
#define STRIPE_API_VERSION "2024-06-20"

namespace mixlens::config {

inline std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return (value != nullptr && *value != '\0') ? std::string(value) : std::string(fallback);
}

// --- Our own services -------------------------------------------------------------
inline std::string database_url() {
  return env_or("DATABASE_URL", "postgresql://mixlens@localhost:5432/mixlens");
}
inline std::string redis_host() { return env_or("REDISHOST", "127.0.0.1"); }
constexpr int kRedisPort = 6379;
// The analysis worker's health endpoint (same container, sidecar port).
constexpr const char* kWorkerHealthUrl = "http://127.0.0.1:9090";
constexpr const char* kTempDir = "/tmp/mixlens";

// --- Cloudflare R2 (S3 API) -----------------------------------------------------------
inline std::string r2_endpoint() {
  return env_or("R2_ENDPOINT", "https://8c3f0a9e2b5d4e1f.r2.cloudflarestorage.com");
}
constexpr const char* kR2Bucket = "mixlens-audio";
constexpr const char* kR2Region = "auto";
inline std::string r2_access_key_id() { return env_or("R2_ACCESS_KEY_ID", ""); }
inline std::string r2_secret_access_key() { return env_or("R2_SECRET_ACCESS_KEY", ""); }
constexpr long kPresignedUrlSeconds = 15 * 60;

// --- Stripe -------------------------------------------------------------------------------
inline std::string stripe_api_base() { return env_or("STRIPE_API_BASE", "https://api.stripe.com"); }
inline std::string stripe_secret_key() { return env_or("STRIPE_SECRET_KEY", ""); }
inline std::string stripe_signing_secret() { return env_or("STRIPE_WEBHOOK_SECRET", ""); }
constexpr const char* kPriceProMonthly = "price_1PmXq2LkdIwHu7ixPro001";
constexpr const char* kPriceStudioMonthly = "price_1PmXqkLkdIwHu7ixStu001";

// --- Sentry (sentry-native) -----------------------------------------------------------------
inline std::string sentry_dsn() {
  return env_or("SENTRY_DSN",
                "https://4f1c0d7a9b2e4c3f8e6d5a4b3c2d1e0f@o451203.ingest.sentry.io/5531042");
}

// --- PostHog ------------------------------------------------------------------------------------
constexpr const char* kPosthogCaptureUrl = "https://us.i.posthog.com/capture/";
inline std::string posthog_api_key() { return env_or("POSTHOG_API_KEY", ""); }

// --- Segment (growth team's revenue dashboard) ----------------------------------------------------
constexpr const char* kSegmentTrackUrl = "https://api.segment.io/v1/track";
inline std::string segment_write_key() { return env_or("SEGMENT_WRITE_KEY", ""); }

// --- Transactional email --------------------------------------------------------------------------
constexpr const char* kSendgridApiBase = "https://api.sendgrid.com";
inline std::string sendgrid_api_key() { return env_or("SENDGRID_API_KEY", ""); }
constexpr const char* kMailFrom = "hello@mixlens.io";

// --- Experiments ------------------------------------------------------------------------------------
// Duplicate-upload detection through AcoustID; off until legal signs off.
constexpr bool kEnableAcoustidLookup = false;
constexpr const char* kAcoustidLookupUrl = "https://api.acoustid.org/v2/lookup";

}  // namespace mixlens::config
