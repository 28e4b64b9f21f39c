// MixLens HTTP API (cpp-httplib) and main().
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <memory>
#include <string>

#include <httplib.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace mixlens {

using nlohmann::json;

struct Services {
  pqxx::connection pg{config::database_url()};
  PGconn* token_conn = PQconnectdb(config::database_url().c_str());
  UserRepository users{pg};
  UploadRepository uploads{pg};
  WebhookRepository webhooks{pg};
  ApiTokenRepository tokens{token_conn};
  TokenCache token_cache{config::redis_host(), config::kRedisPort};
  R2Client r2;
  Mailer mailer;
};

namespace {

void reply(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// Bearer API token -> the account it belongs to.
std::optional<User> authenticate(Services& svc, const httplib::Request& req) {
  const std::string header = req.get_header_value("Authorization");
  if (header.rfind("Bearer ", 0) != 0) return std::nullopt;
  const std::string api_token = header.substr(7);
  const auto user_id = svc.tokens.user_for_digest(crypto::sha256_hex(api_token));  // expect-none
  if (!user_id) return std::nullopt;
  auto user = svc.users.find(*user_id);
  if (!user) return std::nullopt;
  analytics::identify_for_errors(*user);
  svc.tokens.record_use(api_token, req.path);
  return user;
}

}  // namespace

void register_routes(httplib::Server& server, Services& svc) {
  server.Post("/api/signup", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const std::string email = body.is_object() ? body.value("email", "") : "";
    const std::string password = body.is_object() ? body.value("password", "") : "";
    const std::string display_name = body.is_object() ? body.value("display_name", "") : "";
    if (email.find('@') == std::string::npos || password.size() < 8) {
      const bool has_email = !email.empty();
      spdlog::warn("signup rejected: has_email={}", has_email);  // expect-none
      return reply(res, 422, {{"error", "a valid email and an 8+ character password are required"}});
    }
    const int64_t user_id = svc.users.create(email, display_name, crypto::hash_password(password));
    spdlog::info("new signup: {} ({})", email, display_name);  // expect: privacy-log-exposure user.contact.email log; privacy-log-exposure user.name log
    if (privacy::analytics_allowed(req, std::nullopt)) {
      analytics::track("signed_up", {{"email", email}, {"plan", "free"}, {"source", body.value("source", "direct")}});  // expect: privacy-vendor-category user.contact.email posthog
    }
    reply(res, 201, {{"id", user_id}});
  });

  server.Post("/api/login", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) return reply(res, 400, {{"error", "invalid json"}});
    const std::string email = body.value("email", "");
    const auto user = svc.users.find_by_email(email);
    if (!user || !crypto::verify_password(user->password_hash, body.value("password", ""))) {
      spdlog::info("login failed for {}", email);  // NOLINT(privacy-log-exposure) // expect-none
      return reply(res, 401, {{"error", "invalid credentials"}});
    }
    const std::string session_token = crypto::random_secret("mls_");
    svc.users.record_session(user->id, crypto::sha256_hex(session_token), req.remote_addr, req.get_header_value("User-Agent"));
    res.set_header("Set-Cookie", "mixlens_session=" + session_token + "; Path=/; Secure; HttpOnly; SameSite=Lax");  // expect-none
    // Double-submit CSRF token: the web app echoes it in X-CSRF-Token on writes,
    // so it is readable by scripts (no HttpOnly).
    const std::string csrf_token = crypto::random_secret("");
    res.set_header("Set-Cookie", "mixlens_csrf=" + csrf_token + "; Path=/; Secure; SameSite=Strict");  // expect-none
    reply(res, 200, {{"id", user->id}});
  });

  server.Post("/api/tokens", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    if (!user) return reply(res, 401, {{"error", "unauthorized"}});
    const json body = json::parse(req.body, nullptr, false);
    const std::string label = body.is_object() ? body.value("label", "CLI") : "CLI";
    const std::string api_token = crypto::random_secret("mlk_");
    const std::string token_sha256 = crypto::sha256_hex(api_token);
    if (!svc.tokens.insert(user->id, label, token_sha256)) return reply(res, 500, {{"error", "try again"}});  // expect-none
    svc.token_cache.remember(api_token, user->id);
    // Shown once; we keep only the digest.
    reply(res, 201, {{"token", api_token}, {"label", label}});
  });

  server.Post("/api/webhooks", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    const json body = json::parse(req.body, nullptr, false);
    if (!user || !body.is_object()) return reply(res, 400, {{"error", "bad request"}});
    const std::string url = body.value("url", "");
    if (url.rfind("https://", 0) != 0) return reply(res, 422, {{"error", "https URL required"}});
    const auto events = body.value("events", std::vector<std::string>{"analysis.complete"});
    const std::string webhook_secret = crypto::random_secret("whsec_");
    const int64_t id = svc.webhooks.create(user->id, url, webhook_secret, events);
    reply(res, 201, {{"id", id}, {"secret", webhook_secret}});
  });

  server.Post("/api/uploads", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    const json body = json::parse(req.body, nullptr, false);
    if (!user || !body.is_object()) return reply(res, 400, {{"error", "bad request"}});
    Upload upload;
    upload.user_id = user->id;
    upload.filename = body.value("filename", "untitled.wav");
    upload.content_type = body.value("content_type", "audio/wav");
    upload.size_bytes = body.value("size_bytes", int64_t{0});
    upload.audio_fingerprint = body.value("audio_fingerprint", "");
    upload.plan = user->plan;
    upload.object_key = "uploads/" + crypto::random_secret("u");
    upload.id = svc.uploads.create(upload);
    if (privacy::analytics_allowed(req, user)) {
      analytics::track("upload_started", {{"content_type", upload.content_type}, {"size_bytes", upload.size_bytes}, {"plan", plan_name(user->plan)}});  // expect-none
    }
    reply(res, 201, {{"upload_id", upload.id}, {"put_url", svc.r2.presign_put(upload.object_key, upload.content_type)}});
  });

  server.Post("/api/references", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    if (!user || !req.has_file("file")) return reply(res, 400, {{"error", "file required"}});
    const httplib::MultipartFormData file = req.get_file_value("file");
    Upload upload;
    upload.user_id = user->id;
    upload.filename = file.filename;
    upload.content_type = file.content_type;
    upload.size_bytes = static_cast<int64_t>(file.content.size());
    upload.plan = user->plan;
    upload.object_key = "references/" + crypto::random_secret("r");
    upload.id = svc.uploads.create(upload);
    if (!store_reference_audio(svc.r2, upload, file.content)) return reply(res, 502, {{"error", "storage unavailable"}});
    reply(res, 201, {{"upload_id", upload.id}});
  });

  // Session replay from the web app, proxied through our domain so that ad
  // blockers do not drop it.
  server.Post("/api/replay", [](const httplib::Request& req, httplib::Response& res) {
    const json rrweb_events = json::parse(req.body, nullptr, false);
    if (rrweb_events.is_discarded()) return reply(res, 400, json::object());
    if (privacy::analytics_allowed(req, std::nullopt)) {
      analytics::track("$snapshot", {{"$snapshot_data", rrweb_events}});  // expect: privacy-not-collected user.behavior.session_recording posthog
    }
    reply(res, 202, json::object());
  });

  server.Post("/account/email-preferences", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    const json body = json::parse(req.body, nullptr, false);
    if (!user || !body.is_object()) return reply(res, 400, {{"error", "bad request"}});
    svc.users.set_marketing_opt_in(user->id, body.value("marketing_opt_in", false));
    reply(res, 204, json::object());
  });

  // The account's analytics switch ("you can disable it via your browser's
  // Do-Not-Track / analytics opt-out").
  server.Post("/account/analytics", [&svc](const httplib::Request& req, httplib::Response& res) {
    auto user = authenticate(svc, req);
    const json body = json::parse(req.body, nullptr, false);
    if (!user || !body.is_object()) return reply(res, 400, {{"error", "bad request"}});
    user->analytics_opt_out = body.value("analytics_opt_out", false);
    svc.users.set_analytics_opt_out(user->id, user->analytics_opt_out);
    analytics::analytics_choice_changed(req, *user);
    reply(res, 204, json::object());
  });

  // The web app's shell, served before sign-in. PostHog's browser library
  // takes its anonymous id from ph_mixlens_posthog, so that browser and
  // server events line up.
  server.Get("/app", [](const httplib::Request& req, httplib::Response& res) {
    const std::optional<User> visitor;
    if (privacy::analytics_allowed(req, visitor)) {
      const std::string anonymous_id = crypto::random_secret("");
      res.set_header("Set-Cookie", "ph_mixlens_posthog=" + anonymous_id + "; Path=/; SameSite=Lax");  // expect-none
    }
    // Campaign attribution for the signup funnel.
    const std::string campaign = req.get_param_value("utm_campaign");
    if (!campaign.empty()) {
      res.set_header("Set-Cookie", "ph_mixlens_campaign=" + campaign + "; Path=/; SameSite=Lax");  // expect: privacy-consent - cookie:ph_mixlens_campaign
    }
    // Upload-panel experiment: half of the page loads get the compact layout.
    const std::string variant = crypto::random_secret("").back() < '8' ? "control" : "compact";
    analytics::record_experiment_exposure(req, visitor, "upload-panel-layout", variant);
    analytics::track_page_view(req, visitor, "app");
    res.set_content("<!doctype html><html><head><script src=\"/static/app.js\" defer></script></head><body><div id=\"root\"></div></body></html>", "text/html");
  });

  // The product tour, once closed, stays closed on this browser.
  server.Post("/api/onboarding/dismiss", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Set-Cookie", "tour_dismissed=1; Path=/; Max-Age=31536000; SameSite=Lax");  // expect: privacy-cookie - cookie:tour_dismissed
    res.status = 204;
  });

  // The web app reports a render download (the file itself comes from R2).
  server.Post("/api/renders/downloaded", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    if (!user) return reply(res, 401, {{"error", "unauthorized"}});
    analytics::render_downloaded(req, *user);
    reply(res, 204, json::object());
  });

  server.Post("/api/billing/upgrade", [&svc](const httplib::Request& req, httplib::Response& res) {
    auto user = authenticate(svc, req);
    const json body = json::parse(req.body, nullptr, false);
    if (!user || !body.is_object()) return reply(res, 400, {{"error", "bad request"}});
    const Plan plan = body.value("plan", "pro") == "studio" ? Plan::Studio : Plan::Pro;
    if (user->stripe_customer_id.empty()) {
      const auto created = billing::create_customer(*user);
      if (!created) return reply(res, 502, {{"error", "billing unavailable"}});
      user->stripe_customer_id = *created;
      svc.users.save_stripe_customer(user->id, user->stripe_customer_id);
    }
    const bool ok = billing::start_subscription(user->stripe_customer_id, plan);
    reply(res, ok ? 202 : 502, {{"plan", plan_name(plan)}, {"pending", ok}});
  });

  server.Post("/api/billing/card", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user = authenticate(svc, req);
    const json body = json::parse(req.body, nullptr, false);
    if (!user || !body.is_object() || user->stripe_customer_id.empty()) return reply(res, 400, {{"error", "bad request"}});
    CardInput card;
    card.card_number = body.value("card_number", "");
    card.exp_month = body.value("exp_month", 0);
    card.exp_year = body.value("exp_year", 0);
    card.cvc = body.value("cvc", "");
    reply(res, billing::attach_card(user->stripe_customer_id, card) ? 204 : 402, json::object());
  });

  server.Post("/hooks/stripe", [](const httplib::Request& req, httplib::Response& res) {
    if (!billing::verify_stripe_signature(req.body, req.get_header_value("Stripe-Signature"))) {
      return reply(res, 400, {{"error", "bad signature"}});
    }
    reply(res, 200, {{"received", true}});
  });

  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    httplib::Client worker(config::kWorkerHealthUrl);
    worker.set_connection_timeout(1);
    const auto probe = worker.Get("/healthz");  // expect-none
    res.status = (probe && probe->status == 200) ? 200 : 503;
    res.set_content(res.status == 200 ? "ok" : "worker down", "text/plain");
  });
}

}  // namespace mixlens

int main() {
  if (!mixlens::crypto::self_test()) return 1;
  mixlens::analytics::init_error_reporting();
  httplib::Server server;
  mixlens::Services services;
  mixlens::register_routes(server, services);
  spdlog::info("mixlens api {} listening on :8000", MIXLENS_VERSION);
  server.listen("0.0.0.0", 8000);
  return 0;
}
