// Shop events into Segment (HTTP Tracking API), plus the checkout A/B test
// that the growth team mirrors into their own Mixpanel project.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string>

#include "models.h"

namespace cartfox::tracking {

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::string(value) : fallback;
}

std::string iso_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buf;
}

}  // namespace

class SegmentClient {
 public:
  SegmentClient()
      : curl_(curl_easy_init()),
        base_url_(env_or("SEGMENT_API_BASE", "https://api.segment.io/v1")),
        write_key_(env_or("SEGMENT_WRITE_KEY", "")) {}
  ~SegmentClient() { curl_easy_cleanup(curl_); }

  bool track(const std::string& user_id, const std::string& event, const nlohmann::json& properties,
             const nlohmann::json& context = nlohmann::json::object()) {
    return send("/track", {{"userId", user_id}, {"event", event}, {"properties", properties}, {"context", context}});
  }

  bool identify(const std::string& user_id, const nlohmann::json& traits) {
    return send("/identify", {{"userId", user_id}, {"traits", traits}});
  }

 private:
  bool send(const std::string& path, nlohmann::json message) {
    message["timestamp"] = iso_now();
    const std::string url = base_url_ + path;
    const std::string body = message.dump();
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl_, CURLOPT_USERNAME, write_key_.c_str());  // expect-none: CartFox's own Segment write key (system.authentication)
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());  // expect-none: the message is assembled by track()/identify() from their callers' arguments; judged at those calls
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 5L);
    const CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(headers);
    return rc == CURLE_OK;
  }

  CURL* curl_;
  std::string base_url_;
  std::string write_key_;
};

void cart_viewed(SegmentClient& segment, int64_t user_id, size_t line_count) {
  segment.track(std::to_string(user_id), "Cart Viewed", {{"line_count", line_count}});  // expect-none: customer number and a cart event, both in Segment's receives
}

void order_placed(SegmentClient& segment, const Order& order) {
  nlohmann::json products = nlohmann::json::array();
  for (const CartLine& line : order.items) {
    products.push_back({{"sku", line.sku}, {"quantity", line.quantity}, {"price", line.unit_price_cents / 100.0}});
  }
  const nlohmann::json properties = {{"revenue", order.total_cents / 100.0}, {"currency", order.currency}, {"products", products}};
  const nlohmann::json context = {{"ip", order.client_ip}};
  segment.track(std::to_string(order.user_id), "Order Completed", properties, context);  // expect: privacy-vendor-category user.device.ip_address segment
  spdlog::debug("segment: order completed by user {} from {}", order.user_id, order.client_ip);  // expect: privacy-log-exposure user.device.ip_address log
}

void account_created(SegmentClient& segment, const Customer& customer) {
  nlohmann::json traits;
  traits["email"] = customer.email;
  traits["name"] = customer.full_name;
  traits["created_at"] = iso_now();
  segment.identify(std::to_string(customer.user_id), traits);  // expect: privacy-vendor-category user.contact.email segment; privacy-vendor-category user.name segment
}

// Checkout experiment: growth reads the results in their Mixpanel project.
void checkout_variant_shown(int64_t user_id, const std::string& variant) {
  httplib::Client mixpanel("https://api.mixpanel.com");
  const nlohmann::json event = {{"event", "Checkout Variant Shown"}, {"properties", {{"token", env_or("MIXPANEL_TOKEN", "")}, {"distinct_id", std::to_string(user_id)}, {"variant", variant}}}};
  auto res = mixpanel.Post("/track", nlohmann::json::array({event}).dump(), "application/json");  // expect: privacy-undeclared-vendor - mixpanel
  if (!res) spdlog::warn("mixpanel: checkout variant event dropped");  // expect-none: a literal message
}

}  // namespace cartfox::tracking
