// Audio storage in Cloudflare R2 (S3 API, SigV4), the analysis worker and the
// daily retention reaper.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <string>

#include <curl/curl.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "net.h"
#include "services.h"

// The DSP engine (libmixlens-dsp, a separate repository): one pass computes
// the metrics, runs the rules engine and renders the corrective version.
namespace dsp {
struct Result {
  mixlens::Analysis analysis;
  std::string rendered_audio;  // WAV; empty when no correction applies
};
Result analyze_and_render(const std::string& path);
}  // namespace dsp

namespace mixlens {

// Audio retention by plan. Free: "audio deleted 24 hours after upload".
constexpr auto kFreeAudioRetention = std::chrono::hours(24);  // expect-none
// Pro / Studio: 45 days, so that a render can be redone within a billing
// cycle and a half.
constexpr auto kAudioRetention = std::chrono::hours(24 * 45);  // expect: privacy-retention user.content.audio -

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t nmemb, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * nmemb);
  return size * nmemb;
}

std::string utc_now(const char* format) {
  const std::time_t now = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, format, std::gmtime(&now));
  return buf;
}

std::string derive_signing_key(const std::string& secret_access_key, const std::string& date_stamp) {
  std::string signing_key = crypto::hmac_sha256_raw("AWS4" + secret_access_key, date_stamp);
  signing_key = crypto::hmac_sha256_raw(signing_key, config::kR2Region);
  signing_key = crypto::hmac_sha256_raw(signing_key, "s3");
  return crypto::hmac_sha256_raw(signing_key, "aws4_request");
}

}  // namespace

R2Client::R2Client()
    : endpoint_(config::r2_endpoint()),
      access_key_id_(config::r2_access_key_id()),
      secret_access_key_(config::r2_secret_access_key()) {}

// AWS Signature Version 4 over host, x-amz-content-sha256 and x-amz-date.
std::vector<std::string> R2Client::sign(const std::string& method, const std::string& object_key,
                                        const std::string& payload_hash) const {
  const std::string amz_date = utc_now("%Y%m%dT%H%M%SZ");
  const std::string date_stamp = amz_date.substr(0, 8);
  const std::string host = endpoint_.substr(endpoint_.find("://") + 3);
  const std::string scope = date_stamp + "/" + config::kR2Region + "/s3/aws4_request";
  const std::string canonical_request =
      method + "\n/" + config::kR2Bucket + "/" + object_key + "\n\n" + "host:" + host +
      "\nx-amz-content-sha256:" + payload_hash + "\nx-amz-date:" + amz_date + "\n\n" +
      "host;x-amz-content-sha256;x-amz-date\n" + payload_hash;
  const std::string string_to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" +
                                     crypto::sha256_hex(canonical_request);
  const std::string signature = crypto::hmac_sha256_hex(
      derive_signing_key(secret_access_key_, date_stamp), string_to_sign);
  return {
      "x-amz-date: " + amz_date,
      "x-amz-content-sha256: " + payload_hash,
      "Authorization: AWS4-HMAC-SHA256 Credential=" + access_key_id_ + "/" + scope +
          ", SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + signature,
  };
}

// Presigned PUT URL: the browser uploads the audio straight to R2.
std::string R2Client::presign_put(const std::string& object_key,
                                  const std::string& content_type) const {
  const std::string amz_date = utc_now("%Y%m%dT%H%M%SZ");
  const std::string date_stamp = amz_date.substr(0, 8);
  const std::string host = endpoint_.substr(endpoint_.find("://") + 3);
  const std::string scope = date_stamp + "/" + config::kR2Region + "/s3/aws4_request";
  const std::string query =
      "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" +
      net::url_encode(access_key_id_ + "/" + scope) + "&X-Amz-Date=" + amz_date +
      "&X-Amz-Expires=" + std::to_string(config::kPresignedUrlSeconds) +
      "&X-Amz-SignedHeaders=content-type%3Bhost";
  const std::string canonical_request = "PUT\n/" + std::string(config::kR2Bucket) + "/" +
                                        object_key + "\n" + query + "\ncontent-type:" +
                                        content_type + "\nhost:" + host +
                                        "\n\ncontent-type;host\nUNSIGNED-PAYLOAD";
  const std::string string_to_sign = "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" +
                                     crypto::sha256_hex(canonical_request);
  const std::string signature = crypto::hmac_sha256_hex(
      derive_signing_key(secret_access_key_, date_stamp), string_to_sign);
  return endpoint_ + "/" + config::kR2Bucket + "/" + object_key + "?" + query +
         "&X-Amz-Signature=" + signature;
}

bool R2Client::put_object(const std::string& object_key, const std::string& body,
                          const std::vector<std::string>& extra_headers) const {
  curl_slist* headers = nullptr;
  for (const auto& header : sign("PUT", object_key, crypto::sha256_hex(body))) {
    headers = curl_slist_append(headers, header.c_str());
  }
  for (const auto& header : extra_headers) headers = curl_slist_append(headers, header.c_str());
  const std::string url = endpoint_ + "/" + config::kR2Bucket + "/" + object_key;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);  // expect-none
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK && status == 200;
}

std::optional<std::string> R2Client::get_object(const std::string& object_key) const {
  curl_slist* headers = nullptr;
  for (const auto& header : sign("GET", object_key, crypto::sha256_hex(""))) {
    headers = curl_slist_append(headers, header.c_str());
  }
  const std::string url = endpoint_ + "/" + config::kR2Bucket + "/" + object_key;
  std::string object_bytes;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);  // expect-none
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &object_bytes);
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return std::nullopt;
  return object_bytes;
}

bool R2Client::delete_object(const std::string& object_key) const {
  curl_slist* headers = nullptr;
  for (const auto& header : sign("DELETE", object_key, crypto::sha256_hex(""))) {
    headers = curl_slist_append(headers, header.c_str());
  }
  const std::string url = endpoint_ + "/" + config::kR2Bucket + "/" + object_key;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);  // expect-none
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return rc == CURLE_OK && (status == 204 || status == 404);
}

// Reference tracks are small and come through the API as multipart uploads.
bool store_reference_audio(const R2Client& r2, const Upload& upload,
                           const std::string& reference_audio) {
  return r2.put_object(upload.object_key, reference_audio, {"Content-Type: " + upload.content_type, std::string("x-amz-meta-plan: ") + plan_name(upload.plan)});  // expect-none
}

// The analysis worker: one queued upload at a time.
void process_upload(UploadRepository& uploads, WebhookRepository& hooks, const R2Client& r2,
                    const Mailer& mailer, const User& user, const Upload& upload) {
  const auto started = std::chrono::steady_clock::now();
  if (config::kEnableAcoustidLookup) {
    const net::Client acoustid;
    acoustid.post(config::kAcoustidLookupUrl, "client=mixlens&fingerprint=" + upload.audio_fingerprint);  // expect-none
  }

  const std::optional<std::string> audio_data = r2.get_object(upload.object_key);
  if (!audio_data) {
    analytics::report_error("fetch", "audio object missing from bucket");
    return;
  }
  // The decoder needs a seekable file.
  const std::string tmp_path = fmt::format("{}/upload-{}.bin", config::kTempDir, upload.id);
  {
    std::ofstream tmp(tmp_path, std::ios::binary | std::ios::trunc);
    tmp.write(audio_data->data(), static_cast<std::streamsize>(audio_data->size()));  // expect: privacy-storage-protection user.content.audio storage
  }
  const dsp::Result result = dsp::analyze_and_render(tmp_path);
  std::remove(tmp_path.c_str());
  Analysis analysis = result.analysis;
  analysis.upload_id = upload.id;
  analysis.user_id = upload.user_id;
  if (!result.rendered_audio.empty()) {
    const std::string render_key = "renders/" + crypto::random_secret("r") + ".wav";
    analysis.render_key = render_key;
    // Support looks renders up by owner in the R2 dashboard.
    r2.put_object(render_key, result.rendered_audio, {"Content-Type: audio/wav", "x-amz-meta-owner-email: " + user.email});  // expect: privacy-vendor-category user.contact.email cloudflare_r2
    analytics::render_finished(user);
  }

  uploads.save_analysis(analysis);
  webhooks::analysis_complete(hooks, analysis);
  if (!analysis.render_key.empty()) {
    webhooks::render_complete(hooks, user, analysis,
                              fmt::format("{}/renders/{}", MIXLENS_PUBLIC_URL, upload.id));
  }
  send_analysis_ready(mailer, user, analysis);
  const auto elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - started).count();
  if (!privacy::analytics_allowed(user)) return;
  analytics::track("analysis_completed", {{"score", analysis.score}, {"duration_ms", elapsed_ms}, {"plan", plan_name(upload.plan)}});  // expect: privacy-vendor-category user.content.analysis posthog
}

// Runs daily from the beat scheduler.
int reap_expired_audio(UploadRepository& uploads, const R2Client& r2) {
  int deleted = 0;
  for (const Plan plan : {Plan::Free, Plan::Pro, Plan::Studio}) {
    const auto retention = plan == Plan::Free ? kFreeAudioRetention : kAudioRetention;
    for (const Upload& upload : uploads.older_than(plan, static_cast<long>(retention.count()))) {
      if (!r2.delete_object(upload.object_key)) continue;
      uploads.mark_deleted(upload.id);
      ++deleted;
    }
  }
  spdlog::info("reaper: {} audio objects deleted", deleted);  // expect-none
  return deleted;
}

}  // namespace mixlens
