// MixLens domain records.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mixlens {

enum class Plan { Free, Pro, Studio };

inline const char* plan_name(Plan plan) {
  switch (plan) {
    case Plan::Free: return "free";
    case Plan::Pro: return "pro";
    case Plan::Studio: return "studio";
  }
  return "free";
}

struct User {
  int64_t id = 0;
  std::string email;
  std::string display_name;
  std::string password_hash;  // crypto_pwhash_str
  Plan plan = Plan::Free;
  std::string stripe_customer_id;  // empty until the first checkout
  bool marketing_opt_in = false;
  // /account/analytics: "you can disable it via your browser's Do-Not-Track /
  // analytics opt-out" (the account-level switch; the browser's is the DNT header).
  bool analytics_opt_out = false;
};

// An uploaded file. The bytes live in R2 under object_key.
struct Upload {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string object_key;
  std::string filename;
  std::string content_type;
  int64_t size_bytes = 0;
  // Chromaprint computed in the browser (chromaprint-wasm), used to spot
  // re-uploads of the same master.
  std::string audio_fingerprint;
  Plan plan = Plan::Free;
};

// The result of one analysis run.
struct Analysis {
  int64_t id = 0;
  int64_t upload_id = 0;
  int64_t user_id = 0;
  double score = 0.0;  // 0..100
  double integrated_lufs = 0.0;
  double true_peak = 0.0;  // dBTP
  double loudness_range = 0.0;
  nlohmann::json diagnostics = nlohmann::json::array();
  nlohmann::json corrective_steps = nlohmann::json::array();
  std::string render_key;  // R2 key of the corrective render, if any
};

// A webhook the user registered at /account/webhooks.
struct Webhook {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string url;
  std::string webhook_secret;  // signs the payload (X-MixLens-Signature)
  std::vector<std::string> events;
};

// Card details as posted by the legacy invoice form (pre Stripe Checkout).
struct CardInput {
  std::string card_number;
  int exp_month = 0;
  int exp_year = 0;
  std::string cvc;
};

}  // namespace mixlens
