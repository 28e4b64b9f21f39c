// Civitai orchestration client: text-to-image jobs, and the prompt moderation
// pre-check that runs before a job is submitted.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <fstream>
#include <string>
#include <utility>

#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace rendermix {

namespace {

std::size_t append_body(char* data, std::size_t size, std::size_t nmemb, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * nmemb);
  return size * nmemb;
}

}  // namespace

CivitaiClient::CivitaiClient(std::string api_key) : api_key_(std::move(api_key)) {}

// POST /v1/consumer/jobs with a textToImage job. See
// https://developer.civitai.com/docs/api/javascript-sdk for the job shape.
std::string CivitaiClient::submit(const GenerationRequest& request,
                                  const std::string& client_ip) {
  nlohmann::json job;
  job["$type"] = "textToImage";
  job["model"] = request.model_urn.empty() ? config::kDefaultModelUrn : request.model_urn;
  job["quantity"] = request.quantity;
  job["params"] = request.gen_params;
  job["params"]["prompt"] = request.prompt;
  job["params"]["negativePrompt"] = request.negative_prompt;
  job["callbackUrl"] = std::string(config::kPublicBaseUrl) + "/hooks/civitai";
  // Civitai's trust & safety team asked for a way to trace abusive jobs back to
  // an end user; "properties" is echoed back on the job and in their reports.
  job["properties"] = {{"userId", request.user_id}, {"endUserIp", client_ip}};
  const std::string payload = job.dump();

  CURL* curl = curl_easy_init();
  if (curl == nullptr) return {};
  const std::string bearer = "Authorization: Bearer " + api_key_;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, bearer.c_str());
  std::string response;
  const std::string url = config::civitai_jobs_url();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);  // expect-none
  curl_easy_setopt(curl, CURLOPT_USERAGENT, RENDERMIX_USER_AGENT);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, payload.c_str());  // expect: privacy-vendor-category user.unique_id civitai; privacy-vendor-category user.device.ip_address civitai
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);

  if (rc != CURLE_OK || status >= 300) {
    spdlog::error("civitai submit failed: curl={} http={}", curl_easy_strerror(rc), status);
    return {};
  }
  const auto reply = nlohmann::json::parse(response, nullptr, false);
  if (reply.is_discarded() || !reply.contains("token")) return {};
  return reply["token"].get<std::string>();
}

// Polls the job; once done, downloads the first image into the outputs folder.
std::optional<std::string> CivitaiClient::fetch_output(const std::string& provider_job_id) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return std::nullopt;
  std::string response;
  const std::string url = config::civitai_jobs_url() + "?token=" + provider_job_id;
  const std::string bearer = "Authorization: Bearer " + api_key_;
  curl_slist* headers = curl_slist_append(nullptr, bearer.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());  // expect-none
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    curl_easy_cleanup(curl);
    return std::nullopt;
  }
  const auto status = nlohmann::json::parse(response, nullptr, false);
  if (status.is_discarded() || status["jobs"].empty() ||
      !status["jobs"][0].value("result", nlohmann::json::object()).value("available", false)) {
    curl_easy_cleanup(curl);
    return std::nullopt;
  }
  const std::string blob_url = status["jobs"][0]["result"]["blobUrl"].get<std::string>();

  std::string generated_image;
  curl_easy_reset(curl);
  curl_easy_setopt(curl, CURLOPT_URL, blob_url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &generated_image);
  const CURLcode download = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (download != CURLE_OK) return std::nullopt;

  const std::string path = config::outputs_dir() + "/" + provider_job_id + ".png";
  std::ofstream out(path, std::ios::binary);
  out.write(generated_image.data(), static_cast<std::streamsize>(generated_image.size()));  // expect-none
  return path;
}

// Rejects prompts that the moderation model flags, before they cost credits.
bool CivitaiClient::prompt_allowed(const std::string& prompt) {
  httplib::Client openai(config::kOpenAiBase);
  openai.set_connection_timeout(5);
  const httplib::Headers headers = {{"Authorization", "Bearer " + config::openai_api_key()}};
  const nlohmann::json body = {{"model", "omni-moderation-latest"}, {"input", prompt}};
  auto res = openai.Post("/v1/moderations", headers, body.dump(), "application/json");  // expect: privacy-undeclared-vendor - openai
  if (!res || res->status != 200) {
    spdlog::warn("moderation unavailable (status {}), allowing job", res ? res->status : -1);
    return true;
  }
  const auto verdict = nlohmann::json::parse(res->body, nullptr, false);
  if (verdict.is_discarded()) return true;
  return !verdict["results"][0].value("flagged", false);
}

}  // namespace rendermix
