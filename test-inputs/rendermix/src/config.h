// RenderMix service configuration.
//
// Every outbound host the service talks to is defined here. Secrets come from
// the environment only (see deploy/rendermix.env.example); hosts may be
// overridden from the environment for staging, with production as default.
#pragma once

#include <chrono>
#include <cstdlib>
#include <string>

#define RENDERMIX_VERSION "2.3.1"
#define RENDERMIX_USER_AGENT "RenderMix/" RENDERMIX_VERSION " (+https://rendermix.app)"
#define RESEND_API_BASE "https://api.resend.com"

namespace rendermix::config {

// Reads an environment variable, falling back to a compiled-in default.
inline std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::string(fallback);
  return std::string(value);
}

// --- Our own hosts ------------------------------------------------------------
constexpr const char* kPublicBaseUrl = "https://console.rendermix.app";
constexpr const char* kListenAddress = "0.0.0.0";
constexpr int kListenPort = 8080;

// --- Civitai (AI provider) ----------------------------------------------------
inline std::string civitai_jobs_url() {
  return env_or("CIVITAI_JOBS_URL",
                "https://orchestration.civitai.com/v1/consumer/jobs");
}
inline std::string civitai_api_key() { return env_or("CIVITAI_API_KEY", ""); }
constexpr const char* kDefaultModelUrn =
    "urn:air:sdxl:checkpoint:civitai:101055@128078";

// --- Resend (verification email) ---------------------------------------------
constexpr const char* kResendEmailsUrl = RESEND_API_BASE "/emails";
inline std::string resend_api_key() { return env_or("RESEND_API_KEY", ""); }
constexpr const char* kMailFrom = "RenderMix <noreply@rendermix.app>";

// --- Prompt moderation ---------------------------------------------------------
// Added in 2.3 after the abuse report of March; see ops/moderation.md.
constexpr const char* kOpenAiBase = "https://api.openai.com";
inline std::string openai_api_key() { return env_or("OPENAI_API_KEY", ""); }

// --- Growth ----------------------------------------------------------------------
constexpr const char* kMixpanelTrackUrl = "https://api.mixpanel.com/track";
constexpr const char* kMixpanelProjectToken = "3f9b1c7e52a04d1e8c6a9b0f2d7e4a11";

// Server-side usage beacon, kept for the day we have a privacy review for it.
constexpr bool kUsageBeacon = false;
constexpr const char* kSegmentTrackUrl = "https://api.segment.io/v1/track";
constexpr const char* kSegmentWriteKey = "wk_9d2f0c41b7e8";

// --- Crypto payments --------------------------------------------------------------
// monero-wallet-rpc runs next to the service and is never exposed.
inline std::string wallet_rpc_url() {
  return env_or("WALLET_RPC_URL", "http://127.0.0.1:18082/json_rpc");
}
constexpr int kWalletAccountIndex = 0;
// Anti-money-laundering threshold above which an invoice needs identity review.
constexpr double kKycThresholdXmr = 25.0;

// --- Storage ------------------------------------------------------------------------
inline std::string database_path() {
  return env_or("RENDERMIX_DB", "/var/lib/rendermix/rendermix.db");
}
inline std::string outputs_dir() {
  return env_or("RENDERMIX_OUTPUTS", "/var/lib/rendermix/outputs");
}
inline std::string redis_host() { return env_or("REDIS_HOST", "127.0.0.1"); }
constexpr int kRedisPort = 6379;

// Server-side key for sealing TOTP secrets (crypto_secretbox), hex encoded.
inline std::string totp_sealing_key_hex() { return env_or("TOTP_SEALING_KEY", ""); }

// Shared token of the support console (X-Admin-Token); empty disables the admin routes.
inline std::string support_admin_token() { return env_or("RENDERMIX_ADMIN_TOKEN", ""); }

// --- Lifetimes -----------------------------------------------------------------------
constexpr std::chrono::hours kSessionLifetime{24 * 14};
constexpr std::chrono::minutes kVerificationLinkLifetime{60 * 24};
constexpr std::chrono::minutes kPasswordResetLifetime{30};

}  // namespace rendermix::config
