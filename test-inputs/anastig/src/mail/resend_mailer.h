// Anastig: transactional email through Resend.
//
// "Resend — sends transactional email from no-reply@anastig.ai." Confirmation
// on sign-up (with the single-use verification link), password reset, and
// the contact form's forward to the support inbox.
#pragma once

#include "models.h"
#include "net/curl_client.h"

#include <nlohmann/json.hpp>

#include <string>

namespace anastig::mail {

class ResendMailer {
 public:
  ResendMailer(net::Client& http, std::string resend_api_key);

  bool send_verification(const Account& account, const std::string& verification_link);
  bool send_password_reset(const std::string& email, const std::string& reset_link);
  // The public contact form ("The contact form is optional").
  bool forward_contact_message(const std::string& reply_to_email, const std::string& contact_message);
  // Security notice after an email or password change.
  bool send_account_change_notice(const std::string& email, const std::string& what);

 private:
  bool deliver(const nlohmann::json& message);

  net::Client& http_;
  std::string resend_api_key_;
};

}  // namespace anastig::mail
