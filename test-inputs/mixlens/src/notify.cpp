// Outbound notifications: signed webhooks to the URLs users register, and
// transactional / digest email through SendGrid's v3 Mail Send API.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <ctime>
#include <string>

#include <curl/curl.h>
#include <fmt/core.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace mixlens {

namespace webhooks {

// Signature scheme (documented at /docs/webhooks):
//   X-MixLens-Signature: t=<unix time>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
bool Dispatcher::deliver(const Webhook& hook, const std::string& payload) const {
  const std::string timestamp = std::to_string(std::time(nullptr));
  const std::string signature =
      crypto::hmac_sha256_hex(hook.webhook_secret, timestamp + "." + payload);
  const std::string signature_header = "X-MixLens-Signature: t=" + timestamp + ",v1=" + signature;

  CURL* curl = curl_easy_init();
  if (curl == nullptr) return false;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "User-Agent: MixLens-Webhooks/1.0");
  headers = curl_slist_append(headers, signature_header.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, hook.url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  const bool ok = rc == CURLE_OK && status >= 200 && status < 300;
  spdlog::info("webhook {} delivery: curl={} http={}", hook.id, static_cast<int>(rc), status);
  return ok;
}

// analysis.complete: the score and the metrics the analysis produced.
void analysis_complete(WebhookRepository& hooks, const Analysis& analysis) {
  nlohmann::json payload;
  payload["event"] = "analysis.complete";
  payload["created"] = std::time(nullptr);
  payload["data"] = {
      {"analysis_id", analysis.id},
      {"upload_id", analysis.upload_id},
      {"score", analysis.score},
      {"lufs", analysis.integrated_lufs},
      {"true_peak", analysis.true_peak},
      {"diagnostics", analysis.diagnostics},
      {"corrective_steps", analysis.corrective_steps},
  };
  const Dispatcher dispatcher;
  for (const Webhook& hook : hooks.for_event(analysis.user_id, "analysis.complete")) {
    dispatcher.deliver(hook, payload.dump());  // expect-none
  }
}

// render.complete: where to download the corrective render.
void render_complete(WebhookRepository& hooks, const User& user, const Analysis& analysis,
                     const std::string& download_url) {
  nlohmann::json payload;
  payload["event"] = "render.complete";
  payload["created"] = std::time(nullptr);
  payload["data"] = {{"analysis_id", analysis.id}, {"download_url", download_url}};
  // Zapier-style integrations asked for the account on every event.
  payload["account"] = {{"email", user.email}, {"plan", plan_name(user.plan)}};
  const Dispatcher dispatcher;
  for (const Webhook& hook : hooks.for_event(user.id, "render.complete")) {
    dispatcher.deliver(hook, payload.dump());  // expect: privacy-vendor-category user.contact.email user_endpoints
  }
}

}  // namespace webhooks

// --- email ----------------------------------------------------------------------------------------

bool Mailer::send(const std::string& recipient_email, const std::string& subject,
                  const std::string& html) const {
  const nlohmann::json message = {
      {"personalizations", {{{"to", {{{"email", recipient_email}}}}}}},
      {"from", {{"email", config::kMailFrom}, {"name", "MixLens"}}},
      {"subject", subject},
      {"content", {{{"type", "text/html"}, {"value", html}}}},
  };
  httplib::Client sendgrid(config::kSendgridApiBase);
  sendgrid.set_read_timeout(10);
  const httplib::Headers headers = {{"Authorization", "Bearer " + config::sendgrid_api_key()}};
  auto res = sendgrid.Post("/v3/mail/send", headers, message.dump(), "application/json");  // expect: privacy-undeclared-vendor - sendgrid
  if (!res || res->status != 202) {
    spdlog::warn("mail: '{}' not accepted (status {})", subject, res ? res->status : -1);
    return false;
  }
  return true;
}

void send_analysis_ready(const Mailer& mailer, const User& user, const Analysis& analysis) {
  const std::string html = fmt::format(
      "<p>Your analysis is ready.</p>"
      "<p><a href=\"{}/analyses/{}\">Open it in MixLens</a> to see the diagnostics and the "
      "corrective steps.</p>",
      MIXLENS_PUBLIC_URL, analysis.id);
  mailer.send(user.email, "Your MixLens analysis is ready", html);  // expect-none
}

// Weekly product digest, only to accounts that opted in at /account/email-preferences.
int send_weekly_digest(const Mailer& mailer, const std::vector<User>& subscribers) {
  int email_count = 0;
  const std::string html =
      "<h1>This week at MixLens</h1><p>New: true-peak limiter suggestions for Pro plans.</p>"
      "<p><a href=\"" MIXLENS_PUBLIC_URL "/account/email-preferences\">Unsubscribe</a></p>";
  for (const User& subscriber : subscribers) {
    if (!subscriber.marketing_opt_in) continue;
    if (mailer.send(subscriber.email, "This week at MixLens", html)) ++email_count;
  }
  spdlog::info("weekly digest: {} emails sent", email_count);  // expect-none
  return email_count;
}

}  // namespace mixlens
