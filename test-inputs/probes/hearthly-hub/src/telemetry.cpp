// Hub health reports: decoded from the hubs' hourly JSON, fanned out to the
// registered handlers, and shipped to Datadog (log intake and metrics).
#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/sha.h>

#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "log.h"
#include "models.h"

namespace hearthly::telemetry {

namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

template <typename T>
void put_if(nlohmann::json& doc, const char* key, const std::optional<T>& value) {
  if (value) doc[key] = *value;
}

std::string sha256_hex(const std::string& input) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), md);
  std::string out;
  for (unsigned char byte : md) out += fmt::format("{:02x}", byte);
  return out;
}

}  // namespace

using ReportHandler = std::function<void(const HubReport&)>;

class Pipeline {
 public:
  void on_report(ReportHandler handler) { handlers_.push_back(std::move(handler)); }
  void dispatch(const HubReport& report) const {
    for (const ReportHandler& handler : handlers_) handler(report);
  }

 private:
  std::vector<ReportHandler> handlers_;
};

// {"serial": "HH2-0042A1", "fw": "3.8.1", "uptime": 86400, "rssi": -61, "heap_kb": 412, "wan_ip": "...", "lan": [{"mac": "...", "oui": "...", "mdns": "..."}]}
std::optional<HubReport> decode(const std::string& body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.contains("serial")) return std::nullopt;
  HubReport report;
  report.hub_serial = doc["serial"].get<std::string>();
  report.firmware_version = doc.value("fw", "");
  report.uptime_s = doc.value("uptime", 0LL);
  report.wifi_rssi = doc.value("rssi", 0);
  if (doc.contains("heap_kb")) report.free_heap_kb = doc["heap_kb"].get<int>();
  report.public_ip = doc.value("wan_ip", "");
  for (const auto& entry : doc.value("lan", nlohmann::json::array())) report.nearby.push_back({entry.value("mac", ""), entry.value("oui", ""), entry.value("mdns", "")});
  return report;
}

class DatadogShipper {
 public:
  DatadogShipper()
      : curl_(curl_easy_init()),
        logs_url_(env_or("HEARTHLY_DD_LOGS_URL", "https://http-intake.logs.datadoghq.eu/api/v2/logs")),
        series_url_(env_or("HEARTHLY_DD_SERIES_URL", "https://api.datadoghq.eu/api/v2/series")),
        api_key_(env_or("DD_API_KEY", "")) {}
  ~DatadogShipper() { curl_easy_cleanup(curl_); }

  void ship(const HubReport& report) {
    nlohmann::json entry = {{"ddsource", "hub"}, {"service", "hearthly-fleet"}, {"hostname", report.hub_serial}, {"firmware", report.firmware_version}, {"uptime_s", report.uptime_s}, {"wifi_rssi", report.wifi_rssi}, {"wan_ip", report.public_ip}};
    put_if(entry, "free_heap_kb", report.free_heap_kb);
    nlohmann::json lan = nlohmann::json::array();
    for (const NetworkDevice& device : report.nearby) lan.push_back(sha256_hex(device.mac_address));
    entry["lan_mac_sha256"] = lan;
    entry["lan_count"] = report.nearby.size();
    const std::string body = nlohmann::json::array({entry}).dump();
    curl_slist* headers = auth_headers();
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, logs_url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);  // expect-none: Hearthly's own Datadog API key
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());  // expect: privacy-vendor-category user.device.ip_address datadog; privacy-vendor-category user.device.mac_address datadog
    perform(headers);
  }

  // Fleet gauge: hubs per firmware version.
  void ship_fleet_summary(const std::map<std::string, int>& hubs_by_firmware, long long now_s) {
    nlohmann::json series = nlohmann::json::array();
    for (const auto& [firmware, count] : hubs_by_firmware) {
      series.push_back({{"metric", "hearthly.hubs.online"}, {"type", 3}, {"points", {{{"timestamp", now_s}, {"value", count}}}}, {"tags", {"firmware:" + firmware}}});
    }
    const std::string body = nlohmann::json{{"series", series}}.dump();
    curl_slist* headers = auth_headers();
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, series_url_.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());  // expect-none: firmware versions and hub counts, in Datadog's receives
    perform(headers);
  }

 private:
  curl_slist* auth_headers() const {
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    return curl_slist_append(headers, ("DD-API-KEY: " + api_key_).c_str());
  }

  void perform(curl_slist* headers) {
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) component_logger("telemetry")->warn("datadog: {}", curl_easy_strerror(rc));  // expect-none: curl's error text
  }

  CURL* curl_;
  std::string logs_url_;
  std::string series_url_;
  std::string api_key_;
};

void install_default_handlers(Pipeline& pipeline, DatadogShipper& shipper) {
  auto log = component_logger("telemetry");
  pipeline.on_report([&shipper](const HubReport& report) { shipper.ship(report); });  // expect-none: ship() knows the fields it sends and the host, so its findings are reported inside it
  pipeline.on_report([log](const HubReport& report) {
    if (report.wifi_rssi < -80) log->warn("hub {} has weak Wi-Fi ({} dBm)", report.hub_serial, report.wifi_rssi);  // expect-none: hub serial (allowed in logs) and a signal level
  });
  pipeline.on_report([log](const HubReport& report) {
    if (report.uptime_s < 600) log->info("hub {} rebooted, reachable at {}", report.hub_serial, report.public_ip);  // expect: privacy-log-exposure user.device.ip_address log
  });
}

bool ingest(const Pipeline& pipeline, const std::string& body) {
  const std::optional<HubReport> report = decode(body);
  if (!report) {
    component_logger("telemetry")->warn("undecodable hub report ({} bytes)", body.size());  // expect-none: a byte count
    return false;
  }
  pipeline.dispatch(*report);
  return true;
}

}  // namespace hearthly::telemetry
