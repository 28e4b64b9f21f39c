// Note drafting: the visit transcript goes to OpenAI (BAA, zero retention)
// and the draft comes back into the editor. The practice's Slack channel hears
// when a draft is ready.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>

#include "models.h"

namespace carenote::drafting {

namespace {

namespace cfg {
constexpr const char* kModel = "gpt-4o-2024-08-06";
constexpr const char* kChatPath = "/v1/chat/completions";
constexpr const char* kSlackHost = "https://hooks.slack.com";
}  // namespace cfg

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

size_t append_body(char* data, size_t size, size_t nmemb, void* user) {
  static_cast<std::string*>(user)->append(data, size * nmemb);
  return size * nmemb;
}

class OpenAiClient {
 public:
  OpenAiClient()
      : base_url_(env_or("OPENAI_BASE_URL", "https://api.openai.com")),
        api_key_(env_or("OPENAI_API_KEY", "")),
        curl_(curl_easy_init()) {}
  ~OpenAiClient() { curl_easy_cleanup(curl_); }

  // Returns the first choice's content, or an empty string.
  std::string chat(const nlohmann::json& request) {
    const std::string url = base_url_ + cfg::kChatPath;
    const std::string body = request.dump();
    const std::string auth = "Authorization: Bearer " + api_key_;
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    headers = curl_slist_append(headers, auth.c_str());
    std::string response;
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);  // expect-none: the bearer is CareNote's own OpenAI key (system.authentication)
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());  // expect-none: the request is a parameter; what it holds is judged at each chat() call
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 90L);
    const CURLcode rc = curl_easy_perform(curl_);
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK || status != 200) {
      spdlog::warn("openai: chat completion failed (curl {}, HTTP {})", static_cast<int>(rc), status);
      return {};
    }
    const auto parsed = nlohmann::json::parse(response, nullptr, false);
    if (parsed.is_discarded() || parsed["choices"].empty()) return {};
    return parsed["choices"][0]["message"].value("content", "");
  }

 private:
  std::string base_url_;
  std::string api_key_;
  CURL* curl_;
};

OpenAiClient& openai() {
  static OpenAiClient client;
  return client;
}

nlohmann::json chat_request(const std::string& system_prompt, const std::string& user_content) {
  return {
      {"model", cfg::kModel},
      {"temperature", 0.2},
      {"messages", {{{"role", "system"}, {"content", system_prompt}}, {{"role", "user"}, {"content", user_content}}}},
  };
}

}  // namespace

std::string draft_note(const Visit& visit) {
  std::ostringstream prompt;
  prompt << "Transcript of the visit follows. Clinician lines start with 'C:', patient lines with 'P:'.\n";
  prompt << visit.visit_transcript;
  const std::string text = prompt.str();
  spdlog::debug("drafting visit {} with prompt: {}", visit.visit_id, text);  // expect: privacy-log-exposure user.health_and_medical.clinical_notes log
  return openai().chat(chat_request("You are a medical scribe. Write a SOAP note from the transcript.", text));  // expect-none: the transcript only, which OpenAI receives
}

// Referral letters need the patient's identity in the salutation block.
std::string draft_referral_letter(const Visit& visit, const Patient& patient, const std::string& referred_to) {
  std::ostringstream prompt;
  prompt << "Patient: " << patient.full_name << ", born " << patient.date_of_birth << "\n";
  prompt << "Referred to: " << referred_to << "\n\nTranscript:\n" << visit.visit_transcript;
  const nlohmann::json request = chat_request("Write a concise referral letter from the visit transcript.", prompt.str());
  return openai().chat(request);  // expect: privacy-vendor-category user.name openai; privacy-vendor-category user.demographic.date_of_birth openai
}

void announce_draft_ready(const Visit& visit) {
  httplib::Client slack(cfg::kSlackHost);
  slack.set_connection_timeout(5);
  const std::string webhook_path = env_or("SLACK_WEBHOOK_PATH", "/services/T01CARE/B07NOTES/q9Zc1xVbT3");
  const nlohmann::json message = {{"text", "Draft note ready for visit #" + std::to_string(visit.visit_id) + " (open CareNote to review)"}};
  auto res = slack.Post(webhook_path, message.dump(), "application/json");  // expect: privacy-undeclared-vendor - slack
  if (!res || res->status != 200) spdlog::warn("slack: announcement failed");
}

}  // namespace carenote::drafting
