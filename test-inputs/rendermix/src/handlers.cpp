// HTTP API of the RenderMix console (cpp-httplib), and main().
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <iostream>
#include <string>

#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace rendermix {

int run_maintenance();

namespace {

using nlohmann::json;

// The address of the browser, as seen by our reverse proxy.
std::string client_ip(const httplib::Request& req) {
  const std::string forwarded = req.get_header_value("X-Forwarded-For");
  if (!forwarded.empty()) return forwarded.substr(0, forwarded.find(','));
  return req.remote_addr;
}

// Fire-and-forget JSON POST, used for growth events.
void post_json(const std::string& url, const json& body) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return;
  const std::string payload = body.dump();
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_COPYPOSTFIELDS, payload.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 1500L);
  curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
}

void reply_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// The value of one cookie of the request, or "".
std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const std::string cookies = "; " + req.get_header_value("Cookie");
  const std::size_t at = cookies.find("; " + name + "=");
  if (at == std::string::npos) return {};
  const std::size_t begin = at + name.size() + 3;
  return cookies.substr(begin, cookies.find(';', begin) - begin);
}

// Support console requests carry the shared admin token.
bool from_support_console(const httplib::Request& req) {
  const std::string expected = config::support_admin_token();
  return !expected.empty() && req.get_header_value("X-Admin-Token") == expected;
}

}  // namespace

struct Services {
  Database db{config::database_path()};
  UserRepository users{db};
  AuditLog audit{db};
  JobRepository jobs{db};
  SessionStore sessions{config::redis_host(), config::kRedisPort};
  CivitaiClient civitai{config::civitai_api_key()};
  Mailer mailer;
};

void register_routes(httplib::Server& server, Services& svc) {
  server.Post("/api/signup", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return reply_json(res, 400, {{"error", "invalid json"}});
    const std::string email = body.value("email", "");
    const std::string password = body.value("password", "");
    if (email.find('@') == std::string::npos || password.size() < 10) {
      const bool has_email = !email.empty();
      spdlog::info("signup rejected: has_email={}", has_email);  // expect-none
      return reply_json(res, 422, {{"error", "email and a 10+ character password required"}});
    }
    NewUser new_user;
    new_user.email = email;
    new_user.password_hash = hash_password(password);
    new_user.birth_date = body.value("birth_date", "");
    const int64_t user_id = svc.users.create(new_user);
    svc.audit.record({user_id, "signup", client_ip(req), ""});
    spdlog::info("signup: user {} created", user_id);  // expect-none

    const std::string verification_link =
        std::string(config::kPublicBaseUrl) + "/verify?token=" + random_token_hex(24);
    svc.mailer.send_verification(email, verification_link);
    spdlog::debug("verification mail queued for {}", email);  // NOLINT(privacy-log-exposure) // expect-none

    const json event = {{"event", "Sign Up"},
                        {"properties", {{"token", config::kMixpanelProjectToken},
                                        {"distinct_id", std::to_string(user_id)},
                                        {"time", std::time(nullptr)},
                                        {"signup_source", body.value("source", "console")}}}};
    post_json(config::kMixpanelTrackUrl, json::array({event}));  // expect: privacy-undeclared-vendor - mixpanel
    reply_json(res, 201, {{"id", user_id}});
  });

  server.Post("/api/login", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return reply_json(res, 400, {{"error", "invalid json"}});
    const std::string email = body.value("email", "");
    const std::string ip = client_ip(req);
    const auto user = svc.users.find_by_email(email);
    if (!user || !verify_password(user->password_hash, body.value("password", ""))) {
      svc.audit.record_login_attempt(user ? std::optional<int64_t>(user->id) : std::nullopt, ip, false);
      spdlog::warn("login failed for {} from {}", email, ip);  // expect: privacy-log-exposure user.contact.email log
      return reply_json(res, 401, {{"error", "invalid credentials"}});
    }
    svc.audit.record_login_attempt(user->id, ip, true);
    const std::string session_token = svc.sessions.create(user->id);
    res.set_header("Set-Cookie", "rm_session=" + session_token +  // expect-none
                                     "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=1209600");
    if (body.value("remember", false)) {
      // "Keep me signed in": opens a new session once rm_session has run out.
      const std::string remember_token = svc.sessions.remember(user->id);
      res.set_header("Set-Cookie", "rm_remember_session=" + remember_token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");  // expect: privacy-cookie - cookie:rm_remember_session
    }
    spdlog::info("user {} logged in from {}", user->id, ip);  // expect-none
    if (req.get_header_value("Cookie").find("rm_known=1") == std::string::npos) {
      const std::string user_agent = req.get_header_value("User-Agent");
      svc.mailer.send_login_alert(*user, ip, user_agent);
      // Marks the browser as seen: the next sign-in from it sends no alert.
      res.set_header("Set-Cookie", "rm_known=1; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=31536000");  // expect: privacy-cookie - cookie:rm_known
    }
    reply_json(res, 200, {{"id", user->id}, {"email_verified", user->email_verified}});
  });

  server.Post("/api/logout", [&svc](const httplib::Request& req, httplib::Response& res) {
    const std::string session_token = cookie_value(req, "rm_session");
    if (!session_token.empty()) svc.sessions.destroy(session_token);
    const std::string remember_token = cookie_value(req, "rm_remember_session");
    if (!remember_token.empty()) svc.sessions.forget(remember_token);
    const std::string cleared = "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
    res.set_header("Set-Cookie", "rm_session" + cleared);  // expect-none
    res.set_header("Set-Cookie", "rm_remember_session" + cleared);  // expect-none
    reply_json(res, 204, json::object());
  });

  // The gallery preview runs in an iframe on preview.rendermix.app and cannot send the
  // X-Session header: it gets a one-hour session cookie of its own. Lax, so that the
  // "open preview" link of the share dialog embedded in the docs site carries it.
  server.Post("/api/preview/session", [&svc](const httplib::Request& req, httplib::Response& res) {
    const auto user_id = svc.sessions.lookup(req.get_header_value("X-Session"));
    if (!user_id) return reply_json(res, 401, {{"error", "login required"}});
    const std::string preview_session = svc.sessions.create(*user_id);
    res.set_header("Set-Cookie", "rm_preview_session=" + preview_session + "; Domain=rendermix.app; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=3600");  // expect: privacy-cookie - cookie:rm_preview_session
    reply_json(res, 204, json::object());
  });

  server.Post("/api/password/reset", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return reply_json(res, 400, {{"error", "invalid json"}});
    const bool ok = svc.users.reset_password(body.value("token", ""), body.value("password", ""));
    reply_json(res, ok ? 200 : 410, {{"reset", ok}});
  });

  server.Post("/api/password/change", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const auto user_id = svc.sessions.lookup(req.get_header_value("X-Session"));
    if (!user_id || body.is_discarded()) return reply_json(res, 401, {{"error", "login required"}});
    const auto user = svc.users.find_by_id(*user_id);
    if (!user || !verify_password(user->password_hash, body.value("current_password", ""))) {
      return reply_json(res, 403, {{"error", "current password does not match"}});
    }
    const std::string new_password = body.value("new_password", "");
    if (new_password.size() < 10) {
      return reply_json(res, 422, {{"error", "a 10+ character password required"}});
    }
    svc.users.change_password(*user_id, new_password);
    svc.audit.record({*user_id, "password_changed", client_ip(req), ""});
    reply_json(res, 204, json::object());
  });

  // Support console: a reset link for a locked-out user, pasted into the ticket reply.
  server.Post("/api/admin/users/reset-link", [&svc](const httplib::Request& req, httplib::Response& res) {
    if (!from_support_console(req)) return reply_json(res, 403, {{"error", "forbidden"}});
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return reply_json(res, 400, {{"error", "invalid json"}});
    const int64_t user_id = body.value("user_id", int64_t{0});
    const std::string reset_url = std::string(config::kPublicBaseUrl) + "/reset?token=" +
                                  svc.users.issue_reset_token(user_id);
    svc.audit.record({user_id, "admin_reset_link", client_ip(req), ""});
    reply_json(res, 200, {{"reset_url", reset_url}});
  });

  // Support console, kept for the 2.1 phone-support macro: a temporary password read out
  // to the user, who is asked to change it.
  server.Post("/api/admin/users/temporary-password", [&svc](const httplib::Request& req, httplib::Response& res) {
    if (!from_support_console(req)) return reply_json(res, 403, {{"error", "forbidden"}});
    const json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return reply_json(res, 400, {{"error", "invalid json"}});
    const int64_t user_id = body.value("user_id", int64_t{0});
    const std::string temporary_password = random_token_hex(6);
    svc.users.set_temporary_password(user_id, temporary_password);
    svc.audit.record({user_id, "admin_temporary_password", client_ip(req), ""});
    reply_json(res, 200, {{"temporary_password", temporary_password}});
  });

  server.Post("/api/generate", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const auto user_id = svc.sessions.lookup(req.get_header_value("X-Session"));
    if (!user_id || body.is_discarded()) return reply_json(res, 401, {{"error", "login required"}});
    GenerationRequest request;
    request.user_id = *user_id;
    request.prompt = body.value("prompt", "");
    request.negative_prompt = body.value("negative_prompt", "");
    request.gen_params = body.value("params", json::object());
    request.model_urn = body.value("model", "");
    if (!svc.civitai.prompt_allowed(request.prompt)) {
      return reply_json(res, 422, {{"error", "prompt rejected by moderation"}});
    }
    const std::string provider_job_id = svc.civitai.submit(request, client_ip(req));
    if (provider_job_id.empty()) return reply_json(res, 502, {{"error", "provider unavailable"}});
    const int64_t job_id = svc.jobs.insert(request, provider_job_id);
    std::cerr << "[generate] job " << job_id << " user " << *user_id << " prompt=\"" << request.prompt << "\"\n";  // expect: privacy-log-exposure user.content.prompt log
    reply_json(res, 202, {{"job_id", job_id}});
  });

  server.Post("/api/telemetry", [&svc](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const auto user_id = svc.sessions.lookup(req.get_header_value("X-Session"));
    if (!user_id || body.is_discarded()) return reply_json(res, 204, json::object());
    BrowserTiming timing;
    timing.user_id = *user_id;
    timing.page = body.value("page", "/");
    timing.ttfb_ms = body.value("ttfb", 0);
    timing.fcp_ms = body.value("fcp", 0);
    timing.lcp_ms = body.value("lcp", 0);
    timing.user_agent = req.get_header_value("User-Agent");
    svc.jobs.store_timing(timing);
    spdlog::debug("telemetry from user {}: {} lcp={}ms", *user_id, timing.page, timing.lcp_ms);  // expect-none
    reply_json(res, 204, json::object());
  });

  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok", "text/plain");
  });

  // Access log.
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    const std::string user_agent = req.get_header_value("User-Agent");
    spdlog::info("{} {} {} {} ua=\"{}\"", client_ip(req), req.method, req.path, res.status, user_agent);  // expect: privacy-log-exposure user.device.telemetry log
  });
}

}  // namespace rendermix

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "maintenance") return rendermix::run_maintenance();
  curl_global_init(CURL_GLOBAL_DEFAULT);
  httplib::Server server;
  rendermix::Services services;
  rendermix::register_routes(server, services);
  spdlog::info("rendermix {} listening on {}:{}", RENDERMIX_VERSION, rendermix::config::kListenAddress, rendermix::config::kListenPort);
  server.listen(rendermix::config::kListenAddress, rendermix::config::kListenPort);
  curl_global_cleanup();
  return 0;
}
