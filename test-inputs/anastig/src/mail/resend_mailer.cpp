// Anastig: Resend mailer. API: POST https://api.resend.com/emails
//   {"from": "...", "to": ["..."], "subject": "...", "html": "...", "text": "...", "reply_to": "..."}
#include "mail/resend_mailer.h"

#include "settings.h"

#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

namespace anastig::mail {

namespace {

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

ResendMailer::ResendMailer(net::Client& http, std::string resend_api_key)
    : http_(http), resend_api_key_(std::move(resend_api_key)) {}

bool ResendMailer::deliver(const nlohmann::json& message) {
  const std::vector<std::string> headers = {
      "Authorization: Bearer " + resend_api_key_,
      "Content-Type: application/json",
  };
  const net::HttpResult result = http_.post(settings::kResendEmailsUrl, message.dump(), headers);  // expect-none
  if (!result.ok()) {
    spdlog::error("resend: HTTP {} {}", result.status, result.error);  // expect-none
    return false;
  }
  const auto reply = nlohmann::json::parse(result.body, nullptr, false);
  spdlog::info("resend: accepted as {}", reply.is_object() ? reply.value("id", "?") : "?");  // expect-none
  return true;
}

bool ResendMailer::send_verification(const Account& account, const std::string& verification_link) {
  nlohmann::json message;
  message["from"] = settings::kMailFrom;
  message["to"] = {fmt::format("{} <{}>", account.name, account.email)};
  message["subject"] = "Confirm your Anastig account";
  message["html"] = fmt::format(
      "<p>Welcome to Anastig!</p><p><a href=\"{0}\">Confirm your email address</a></p>"
      "<p>The link expires in 60 minutes.</p>",
      verification_link);
  message["text"] = "Confirm your email address: " + verification_link;
  return deliver(message);  // expect: privacy-vendor-category user.name resend
}

bool ResendMailer::send_password_reset(const std::string& email, const std::string& reset_link) {
  nlohmann::json message;
  message["from"] = settings::kMailFrom;
  message["to"] = {email};
  message["subject"] = "Reset your Anastig password";
  message["html"] = fmt::format(
      "<p>Someone asked to reset the password of this account.</p>"
      "<p><a href=\"{0}\">Choose a new password</a> (valid for 60 minutes)</p>"
      "<p>If it was not you, ignore this email.</p>",
      reset_link);
  return deliver(message);  // expect-none
}

bool ResendMailer::forward_contact_message(const std::string& reply_to_email,
                                           const std::string& contact_message) {
  nlohmann::json message;
  message["from"] = settings::kMailFrom;
  message["to"] = {settings::kSupportInbox};
  message["reply_to"] = reply_to_email;
  message["subject"] = "Contact form: new message";
  message["html"] = "<pre>" + escape_html(contact_message) + "</pre>";
  message["text"] = contact_message;
  return deliver(message);  // expect: privacy-vendor-category user.content.contact_message resend
}

bool ResendMailer::send_account_change_notice(const std::string& email, const std::string& what) {
  nlohmann::json message;
  message["from"] = settings::kMailFrom;
  message["to"] = {email};
  message["subject"] = "Your Anastig account was changed";
  message["text"] = fmt::format(
      "Your account's {} was changed just now. If this was not you, reply to this email "
      "or write to support@anastig.ai right away.",
      what);
  return deliver(message);  // expect-none
}

}  // namespace anastig::mail
