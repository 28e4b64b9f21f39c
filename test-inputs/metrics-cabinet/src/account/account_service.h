// Metrics Cabinet: accounts, sign-in, two-factor authentication and OAuth
// sign-in links, with the audit log of what account owners do.
#pragma once

#include "models.h"

#include <hiredis/hiredis.h>
#include <pqxx/pqxx>
#include <sodium.h>

#include <array>
#include <chrono>
#include <optional>
#include <string>

namespace mcab::account {

using BoxKey = std::array<unsigned char, crypto_secretbox_KEYBYTES>;

// "Audit log — 1 year after the event"
constexpr std::chrono::hours kAuditLogRetention{24 * 365};  // expect-none

class AccountService {
 public:
  AccountService(pqxx::connection& db, redisContext* redis, const BoxKey& box_key);

  AccountId sign_up(const std::string& email, const std::string& name, const std::string& password);
  std::optional<AccountId> log_in(const std::string& email, const std::string& password);
  // The password again, for the security settings' "sudo mode".
  bool verify_password(AccountId account_id, const std::string& password);

  // Two-factor enrolment: begin returns the otpauth:// URI for the QR code;
  // confirm checks the first code and turns 2FA on.
  std::string begin_totp_enrolment(AccountId account_id);
  bool confirm_totp_enrolment(AccountId account_id, const std::string& code);

  void link_oauth(AccountId account_id, const std::string& email, const OAuthLink& link);
  void store_refreshed_oauth_tokens(AccountId account_id, const std::string& provider,
                                    const std::string& oauth_access_token,
                                    const std::string& oauth_refresh_token);

  void request_password_reset(const std::string& email);

  // Deletes audit entries older than kAuditLogRetention; run nightly.
  void purge_audit_log();

 private:
  // libsodium secretbox, nonce-prefixed, base64: what the *_enc columns hold.
  std::string seal(const std::string& plaintext) const;
  std::optional<std::string> unseal(const std::string& sealed) const;
  void record_audit_event(pqxx::work& txn, AccountId account_id, const std::string& action);

  pqxx::connection& db_;
  redisContext* redis_;
  BoxKey box_key_;
};

}  // namespace mcab::account
