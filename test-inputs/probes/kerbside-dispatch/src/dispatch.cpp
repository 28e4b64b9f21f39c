// Dispatch core: offers trips to drivers through the driver gateway, asks the
// on-box OSRM for ETAs, ingests driver GPS pings and mirrors the driver's
// position to the rider's trip screen.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <string>

#include "config.h"
#include "log.h"
#include "models.h"

namespace kerbside {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr const char* kPusherHost = "api-eu.pusher.com";
constexpr bool kTraceRawPings = false;  // flip locally to trace the ping decoder
template <typename T>
std::optional<T> json_get(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return std::nullopt;
  try {
    return it->template get<T>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

// Plain-HTTP exchange with an internal service.
std::optional<std::string> exchange(const std::string& host, const std::string& port, http::request<http::string_body> req) {
  asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  beast::error_code ec;
  stream.connect(resolver.resolve(host, port), ec);
  if (ec) {
    LOG_WARN("connect {}:{} failed: {}", host, port, ec.message());  // expect-none: a configured host and port and an error message
    return std::nullopt;
  }
  req.set(http::field::host, host);
  req.set(http::field::user_agent, "kerbside-dispatch/2.3");
  req.prepare_payload();
  http::write(stream, req, ec);  // expect-none: generic helper; each caller decides host and request
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  if (!ec) http::read(stream, buffer, res, ec);
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  if (res.result() != http::status::ok) return std::nullopt;
  return res.body();
}

std::string pusher_signature(const std::string& secret, const std::string& to_sign) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size(), mac, &mac_len);
  std::string hex;
  for (unsigned int i = 0; i < mac_len; ++i) hex += fmt::format("{:02x}", mac[i]);
  return hex;
}

}  // namespace

class DispatchService {
 public:
  explicit DispatchService(sqlite3* db) : db_(db) {}

  bool offer_trip(const Trip& trip, const Rider& rider, const Driver& driver) {
    const nlohmann::json offer = {{"trip_id", trip.trip_id}, {"driver_id", driver.driver_id}, {"rider_first_name", rider.first_name}, {"pickup", {{"lat", trip.pickup.latitude}, {"lng", trip.pickup.longitude}}}};
    http::request<http::string_body> req{http::verb::post, "/v1/offers", 11};
    req.set(http::field::content_type, "application/json");
    req.body() = offer.dump();
    const auto reply = exchange(Config::instance().gateway_host, "80", std::move(req));  // expect-none: first name and pickup point to Kerbside's own driver gateway (first party)
    return reply.has_value();
  }

  std::optional<int> eta_seconds(const Trip& trip, const Driver& driver) {
    const auto& [from_lat, from_lng] = driver.last_position;
    const auto& [to_lat, to_lng] = trip.pickup;
    const std::string target = fmt::format("/route/v1/driving/{:.6f},{:.6f};{:.6f},{:.6f}?overview=false", from_lng, from_lat, to_lng, to_lat);
    const Config& cfg = Config::instance();
    const auto reply = exchange(cfg.routing_host, cfg.routing_port, http::request<http::string_body>{http::verb::get, target, 11});  // expect-none: coordinates to the OSRM instance on loopback (127.0.0.1)
    if (!reply) return std::nullopt;
    const auto routes = nlohmann::json::parse(*reply, nullptr, false);
    if (routes.is_discarded() || routes["routes"].empty()) return std::nullopt;
    return static_cast<int>(routes["routes"][0].value("duration", 0.0));
  }

  // Street address of the pickup for the driver app (Mapbox reverse geocoding).
  std::string pickup_address(const Trip& trip) {
    const Config& cfg = Config::instance();
    asio::io_context ioc;
    ssl::context ctx(ssl::context::tlsv12_client);
    ctx.set_default_verify_paths();
    tcp::resolver resolver(ioc);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    SSL_set_tlsext_host_name(stream.native_handle(), cfg.mapbox_host.c_str());
    beast::get_lowest_layer(stream).connect(resolver.resolve(cfg.mapbox_host, "443"));
    stream.handshake(ssl::stream_base::client);
    const std::string target = fmt::format("/search/geocode/v6/reverse?longitude={:.6f}&latitude={:.6f}&access_token={}", trip.pickup.longitude, trip.pickup.latitude, cfg.mapbox_token);
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, cfg.mapbox_host);
    http::write(stream, req);  // expect-none: the pickup point and Kerbside's own Mapbox token to Mapbox, which receives precise location
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    const auto geo = nlohmann::json::parse(res.body(), nullptr, false);
    if (geo.is_discarded() || geo["features"].empty()) return {};
    return geo["features"][0]["properties"].value("full_address", "");
  }

  // Driver app ping: {"driver_id": 1, "latitude": 38.7, "longitude": -9.1, "accuracy_m": 6}
  void on_driver_ping(const std::string& raw) {
    const auto ping = nlohmann::json::parse(raw, nullptr, false);
    if (ping.is_discarded()) {
      LOG_WARN("driver ping: malformed JSON ({} bytes)", raw.size());  // expect-none: a byte count
      return;
    }
    const auto who = json_get<int64_t>(ping, "driver_id");
    const auto x = json_get<double>(ping, "latitude");
    const auto y = json_get<double>(ping, "longitude");
    if (!who || !x || !y) {
      LOG_WARN("driver ping without position from driver {}", who.value_or(0));  // expect-none: a driver number, allowed in logs
      return;
    }
    if (kTraceRawPings) LOG_DEBUG("raw ping {:.6f} {:.6f}", *x, *y);  // expect-none: under a constant-false condition
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db_, "INSERT INTO driver_pings (driver_id, latitude, longitude, at) VALUES (?, ?, ?, unixepoch())", -1, &stmt, nullptr);
    sqlite3_bind_int64(stmt, 1, *who);
    sqlite3_bind_double(stmt, 2, *x);  // expect-none: precise location is declared and has no storage rule
    sqlite3_bind_double(stmt, 3, *y);
    sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    LOG_DEBUG("driver {} now at {:.5f},{:.5f}", *who, *x, *y);  // expect: privacy-log-exposure user.location.precise log
  }

  // Live position on the rider's trip screen through Pusher Channels' HTTP API.
  void broadcast_driver_position(const Trip& trip, const Driver& driver) {
    const Config& cfg = Config::instance();
    const nlohmann::json data = {{"trip_id", trip.trip_id}, {"latitude", driver.last_position.latitude}, {"longitude", driver.last_position.longitude}};
    const nlohmann::json event = {{"name", "driver-moved"}, {"channel", fmt::format("private-trip-{}", trip.trip_id)}, {"data", data.dump()}};
    const std::string body = event.dump();
    const std::string path = fmt::format("/apps/{}/events", cfg.pusher_app_id);
    const std::string query = fmt::format("auth_key={}&auth_timestamp={}&auth_version=1.0", cfg.pusher_key, std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    const std::string signature = pusher_signature(cfg.pusher_secret, "POST\n" + path + "\n" + query);
    asio::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::tcp_stream stream(ioc);
    stream.connect(resolver.resolve(kPusherHost, "80"));
    http::request<http::string_body> req{http::verb::post, path + "?" + query + "&auth_signature=" + signature, 11};
    req.set(http::field::host, kPusherHost);
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);  // expect: privacy-undeclared-vendor - pusher
    stream.socket().close();
  }

 private:
  sqlite3* db_;
};

}  // namespace kerbside
