// Transactional email through Resend's REST API (POST /emails).
// https://resend.com/docs/api-reference/emails/send-email
#include <sstream>
#include <string>

#include <curl/curl.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace rendermix {

namespace {

std::size_t discard_body(char*, std::size_t size, std::size_t nmemb, void*) {
  return size * nmemb;
}

// Sends one message through Resend. Returns true on a 2xx answer.
bool post_email(const nlohmann::json& message) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return false;
  const std::string body = message.dump();
  const std::string key_header = "Authorization: Bearer " + config::resend_api_key();
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, key_header.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, config::kResendEmailsUrl);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);  // expect-none
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard_body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK || status < 200 || status >= 300) {
    spdlog::warn("resend: delivery failed (curl={}, http={})", static_cast<int>(rc), status);
    return false;
  }
  return true;
}

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

bool Mailer::send_verification(const std::string& email, const std::string& verification_link) {
  std::ostringstream html;
  html << "<p>Welcome to RenderMix!</p>"
       << "<p>Confirm your address to start generating: <a href=\""
       << escape_html(verification_link) << "\">verify my email</a></p>"
       << "<p>The link expires in 24 hours. If you did not sign up, ignore this message.</p>";
  const nlohmann::json message = {
      {"from", config::kMailFrom},
      {"to", nlohmann::json::array({email})},
      {"subject", "Verify your RenderMix email"},
      {"html", html.str()},
      {"text", "Verify your RenderMix email: " + verification_link},
  };
  return post_email(message);  // expect-none
}

// Security notice sent after a login from a browser we have not seen before.
bool Mailer::send_login_alert(const User& user, const std::string& ip_address,
                              const std::string& user_agent) {
  std::ostringstream html;
  html << "<p>New sign-in to your RenderMix account.</p>"
       << "<ul><li>Browser: " << escape_html(user_agent) << "</li>"
       << "<li>IP address: " << escape_html(ip_address) << "</li></ul>"
       << "<p>If this was not you, reset your password at " << config::kPublicBaseUrl
       << "/reset and enable two-factor authentication.</p>";
  nlohmann::json message;
  message["from"] = config::kMailFrom;
  message["to"] = nlohmann::json::array({user.email});
  message["subject"] = "New sign-in to RenderMix";
  message["html"] = html.str();
  return post_email(message);  // expect: privacy-vendor-category user.device.ip_address resend; privacy-vendor-category user.device.telemetry resend
}

}  // namespace rendermix
