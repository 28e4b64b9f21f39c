// Automation side effects: geocoding the home for sunrise/sunset triggers,
// alert emails through Postmark, the mobile push relay, and user webhooks.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "log.h"
#include "models.h"

namespace hearthly::automations {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

std::string url_encode(const std::string& text) {
  std::string out;
  for (unsigned char c : text) out += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  return out;
}

// POSTs a JSON document with libcurl; returns the HTTP status (0 on transport errors).
long post_json(const std::string& url, const std::string& json, curl_slist* headers) {
  CURL* curl = curl_easy_init();
  headers = curl_slist_append(headers, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, json.c_str());  // expect-none: generic helper; URL and document are judged at each post_json call
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  long status = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return status;
}

long postmark_send(const std::string& message) {
  curl_slist* headers = curl_slist_append(nullptr, ("X-Postmark-Server-Token: " + env_or("POSTMARK_SERVER_TOKEN", "")).c_str());
  return post_json(env_or("HEARTHLY_POSTMARK_URL", "https://api.postmarkapp.com/email"), message, headers);  // expect-none: the message is its callers' parameter; the header holds Hearthly's own Postmark token
}

}  // namespace

// Sunrise/sunset triggers need the home's coordinates; they are computed on
// demand from the address and never stored.
std::optional<std::pair<double, double>> geocode(const Home& home) {
  const std::string host = "maps.googleapis.com";
  asio::io_context ioc;
  ssl::context tls(ssl::context::tls_client);
  tls.set_default_verify_paths();
  beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
  SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
  tcp::resolver resolver(ioc);
  beast::get_lowest_layer(stream).connect(resolver.resolve(host, "443"));
  stream.handshake(ssl::stream_base::client);
  const std::string address = fmt::format("{}, {} {}", home.address.street, home.address.postal_code, home.address.country);
  http::request<http::empty_body> req{http::verb::get, "/maps/api/geocode/json?address=" + url_encode(address) + "&key=" + env_or("GOOGLE_MAPS_KEY", ""), 11};
  req.set(http::field::host, host);
  http::write(stream, req);  // expect: privacy-undeclared-vendor - google_maps
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  const auto doc = nlohmann::json::parse(res.body(), nullptr, false);
  if (doc.is_discarded() || doc.value("status", "") != "OK") return std::nullopt;
  const auto& where = doc["results"][0]["geometry"]["location"];
  return std::make_pair(where.value("lat", 0.0), where.value("lng", 0.0));
}

bool send_motion_alert(const Home& home, const std::string& sensor_name, const std::string& local_time) {
  const std::string message = fmt::format(R"({{"From":"alerts@hearthly.io","To":"{}","Subject":"Motion at home","TextBody":"Hi {}, {} detected motion at {}.","MessageStream":"outbound"}})", home.owner_email, home.owner_first_name, sensor_name, local_time);
  return postmark_send(message) == 200;  // expect-none: email and first name to Postmark, which receives both
}

bool send_energy_report(const Home& home) {
  const std::string message = fmt::format(R"({{"From":"reports@hearthly.io","To":"{}","Subject":"Weekly energy report for {}","TextBody":"Hi {}, your weekly report is ready in the app.","MessageStream":"outbound"}})", home.owner_email, home.address.street, home.owner_first_name);
  return postmark_send(message) == 200;  // expect: privacy-vendor-category user.contact.address.street postmark
}

// Push notifications go through Hearthly's own relay, which holds the APNs/FCM keys.
bool push_to_owner(const Home& home, const std::string& title) {
  const nlohmann::json note = {{"account_id", home.owner_id}, {"home_id", home.home_id}, {"title", title}, {"greeting", home.owner_first_name}};
  return post_json(env_or("HEARTHLY_PUSH_RELAY", "https://push.hearthly.io/v1/notify"), note.dump(), nullptr) == 202;  // expect-none: first-party host (push.hearthly.io)
}

// A webhook the user pasted into the automation editor (IFTTT, Home
// Assistant, ...): the URL is only known at run time.
void fire_webhook(const std::string& webhook_url, const Home& home, const std::string& automation) {
  const nlohmann::json event = {{"home_id", home.home_id}, {"automation", automation}, {"owner", home.owner_first_name}};
  const long status = post_json(webhook_url, event.dump(), nullptr);  // expect-none: a URL from the user's automation settings: unresolved at compile time (data map only), and user_endpoints receives the home number, automation name and first name anyway
  if (status < 200 || status >= 300) component_logger("automations")->warn("webhook for home {} failed with {}", home.home_id, status);  // expect-none: a home number and a status
}

}  // namespace hearthly::automations
