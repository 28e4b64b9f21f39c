// RenderMix domain records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace rendermix {

// An account, as loaded from the `users` table.
struct User {
  int64_t id = 0;
  std::string email;
  std::string password_hash;  // werkzeug-format scrypt hash (or a 2.x Argon2id one), never the password
  bool email_verified = false;
  std::optional<std::string> sealed_totp_secret;  // secretbox(nonce || box), hex
  std::string created_at;
};

// What the signup form hands to the repository.
struct NewUser {
  std::string email;
  std::string password_hash;
  // Age gate: "not intended for users under 18". Entered on the signup form.
  std::string birth_date;
};

// One text-to-image request, as accepted from the console.
struct GenerationRequest {
  int64_t user_id = 0;
  std::string prompt;
  std::string negative_prompt;
  nlohmann::json gen_params;  // steps, cfgScale, width, height, scheduler, seed
  std::string model_urn;
  int quantity = 1;
};

// A generation job and where its output landed.
struct Job {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string provider_job_id;  // the job handle Civitai returns
  std::string status;           // queued | running | succeeded | failed
  std::string job_created_at;
  std::string output_path;
};

// Audit trail: login / signup / verification / billing.
struct AuditEvent {
  int64_t user_id = 0;
  std::string event;   // "login", "signup", "email_verified", "invoice_paid", ...
  std::string ip_address;
  std::string detail;  // free-form, never contains secrets
};

// A crypto invoice (Monero, one subaddress per invoice).
struct Invoice {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string deposit_address;
  double amount_xmr = 0.0;
  std::string tx_hash;  // set once the payment is seen on chain
  std::string status;   // open | paid | expired
};

// Identity review for invoices above the AML threshold (ops ticket #412).
struct KycRecord {
  int64_t invoice_id = 0;
  std::string full_name;
  std::string passport_number;
};

// Browser-reported navigation timing (PerformanceNavigationTiming), for
// performance debugging.
struct BrowserTiming {
  int64_t user_id = 0;
  std::string page;
  int ttfb_ms = 0;
  int fcp_ms = 0;
  int lcp_ms = 0;
  std::string user_agent;
};

// A browser session, kept in Redis.
struct Session {
  std::string token;
  int64_t user_id = 0;
};

}  // namespace rendermix
