// Voice commands: the hub uploads the clip, Deepgram transcribes it, and
// OpenAI maps the transcript to an action on the home's devices.
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include "log.h"
#include "models.h"

namespace hearthly::voice {

namespace retention {
constexpr std::chrono::seconds kVoiceClipTtl{72 * 3600};  // expect: privacy-retention user.content.voice_command -
constexpr auto kTranscriptRetention = std::chrono::hours(24 * 14);  // expect-none: 14 days is within the transcripts' 30d
}  // namespace retention

namespace {

constexpr const char* kDeepgramHost = "api.deepgram.com";
constexpr const char* kOpenAiHost = "api.openai.com";

std::string secret(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string read_reply(Poco::Net::HTTPSClientSession& session, Poco::Net::HTTPResponse& response) {
  std::istream& in = session.receiveResponse(response);
  std::string text;
  Poco::StreamCopier::copyToString(in, text);
  return text;
}

}  // namespace

struct Intent {
  std::string action;
  std::string device;
  std::string room;
};

class VoicePipeline {
 public:
  VoicePipeline() : log_(component_logger("voice")) {
    if (const char* dir = std::getenv("HEARTHLY_VOICE_RETRY_DIR")) retry_dir_ = dir;
  }

  void handle(const Home& home, const VoiceRequest& request) {
    const auto text = transcribe(request);
    if (!text || text->empty()) {
      log_->info("hub {}: nothing recognised", request.hub_serial);  // expect-none: a hub serial, allowed in logs
      return;
    }
    const auto intent = parse_intent(home, *text);
    if (!intent) {
      log_->warn("hub {}: no intent for a {}-character utterance", request.hub_serial, text->size());  // expect-none: a hub serial and a length
      return;
    }
    log_->info("hub {}: \"{}\" -> {} {}", request.hub_serial, *text, intent->action, intent->device);  // expect: privacy-log-exposure user.content.voice_transcript log
  }

 private:
  std::optional<std::string> transcribe(const VoiceRequest& request) {
    Poco::Net::HTTPSClientSession session(kDeepgramHost, 443);
    Poco::Net::HTTPRequest http(Poco::Net::HTTPRequest::HTTP_POST, "/v1/listen?model=nova-2&smart_format=true", Poco::Net::HTTPMessage::HTTP_1_1);
    http.set("Authorization", "Token " + secret("DEEPGRAM_API_KEY"));
    http.setContentType("audio/l16;rate=16000;channels=1");
    http.setContentLength(static_cast<std::streamsize>(request.voice_clip.size()));
    session.sendRequest(http) << request.voice_clip;  // expect-none: the voice clip to Deepgram, which receives voice commands; the header holds Hearthly's own Deepgram key
    Poco::Net::HTTPResponse response;
    const std::string reply = read_reply(session, response);
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
      log_->warn("deepgram: HTTP {} for hub {}", static_cast<int>(response.getStatus()), request.hub_serial);  // expect-none: a status code and a hub serial
      if (!retry_dir_.empty()) keep_for_retry(request);
      return std::nullopt;
    }
    const auto doc = nlohmann::json::parse(reply, nullptr, false);
    if (doc.is_discarded()) return std::nullopt;
    return doc["results"]["channels"][0]["alternatives"][0].value("transcript", "");
  }

  // Deepgram outages: the clip is kept on disk and re-sent by the retry job.
  void keep_for_retry(const VoiceRequest& request) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    std::ofstream out(fmt::format("{}/{}-{}.pcm", retry_dir_, request.hub_serial, std::chrono::duration_cast<std::chrono::seconds>(now).count()), std::ios::binary);
    out << request.voice_clip;  // expect: privacy-storage-protection user.content.voice_command storage
  }

  std::optional<Intent> parse_intent(const Home& home, const std::string& transcript) {
    const std::string system_prompt = fmt::format("You control a smart home. Address the owner as {}. Rooms: {}. Reply with a JSON object with keys action, device and room.", home.owner_first_name, fmt::join(home.rooms, ", "));
    const nlohmann::json body = {{"model", "gpt-4o-mini"}, {"response_format", {{"type", "json_object"}}}, {"messages", {{{"role", "system"}, {"content", system_prompt}}, {{"role", "user"}, {"content", transcript}}}}};
    Poco::Net::HTTPSClientSession session(kOpenAiHost, 443);
    Poco::Net::HTTPRequest http(Poco::Net::HTTPRequest::HTTP_POST, "/v1/chat/completions", Poco::Net::HTTPMessage::HTTP_1_1);
    http.setCredentials("Bearer", secret("OPENAI_API_KEY"));
    http.setContentType("application/json");
    const std::string payload = body.dump();
    http.setContentLength(static_cast<std::streamsize>(payload.size()));
    session.sendRequest(http) << payload;  // expect: privacy-vendor-category user.name.first openai
    Poco::Net::HTTPResponse response;
    const auto reply = nlohmann::json::parse(read_reply(session, response), nullptr, false);
    if (reply.is_discarded() || !reply.contains("choices")) return std::nullopt;
    const auto parsed = nlohmann::json::parse(reply["choices"][0]["message"].value("content", "{}"), nullptr, false);
    if (parsed.is_discarded()) return std::nullopt;
    return Intent{parsed.value("action", ""), parsed.value("device", ""), parsed.value("room", "")};
  }

  std::shared_ptr<spdlog::logger> log_;
  std::string retry_dir_;
};

}  // namespace hearthly::voice
