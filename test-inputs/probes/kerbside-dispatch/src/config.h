#pragma once
// Process-wide settings: endpoints and the service's own API credentials,
// read once from the environment with production defaults.
#include <cstdlib>
#include <string>

namespace kerbside {

class Config {
 public:
  static const Config& instance() {
    static const Config config;
    return config;
  }

  Config(const Config&) = delete;
  Config& operator=(const Config&) = delete;

  std::string mapbox_host;
  std::string mapbox_token;
  std::string amplitude_url;
  std::string amplitude_api_key;
  std::string twilio_base;
  std::string twilio_proxy_base;
  std::string twilio_account_sid;
  std::string twilio_auth_token;
  std::string twilio_messaging_service_sid;
  std::string twilio_proxy_service_sid;
  std::string onesignal_base;
  std::string onesignal_app_id;
  std::string onesignal_rest_key;
  std::string pusher_app_id;
  std::string pusher_key;
  std::string pusher_secret;
  std::string gateway_host;
  std::string routing_host;
  std::string routing_port;

 private:
  Config()
      : mapbox_host(env_or("KS_MAPBOX_HOST", "api.mapbox.com")),
        mapbox_token(env_or("KS_MAPBOX_TOKEN", "")),
        amplitude_url(env_or("KS_AMPLITUDE_URL", "https://api2.amplitude.com/2/httpapi")),
        amplitude_api_key(env_or("KS_AMPLITUDE_API_KEY", "")),
        twilio_base(env_or("KS_TWILIO_BASE", "https://api.twilio.com")),
        twilio_proxy_base(env_or("KS_TWILIO_PROXY_BASE", "https://proxy.twilio.com")),
        twilio_account_sid(env_or("KS_TWILIO_ACCOUNT_SID", "")),
        twilio_auth_token(env_or("KS_TWILIO_AUTH_TOKEN", "")),
        twilio_messaging_service_sid(env_or("KS_TWILIO_MESSAGING_SERVICE", "")),
        twilio_proxy_service_sid(env_or("KS_TWILIO_PROXY_SERVICE", "")),
        onesignal_base(env_or("KS_ONESIGNAL_BASE", "https://api.onesignal.com")),
        onesignal_app_id(env_or("KS_ONESIGNAL_APP_ID", "")),
        onesignal_rest_key(env_or("KS_ONESIGNAL_REST_KEY", "")),
        pusher_app_id(env_or("KS_PUSHER_APP_ID", "")),
        pusher_key(env_or("KS_PUSHER_KEY", "")),
        pusher_secret(env_or("KS_PUSHER_SECRET", "")),
        gateway_host(env_or("KS_GATEWAY_HOST", "gateway.kerbside.app")),
        routing_host(env_or("KS_ROUTING_HOST", "127.0.0.1")),
        routing_port(env_or("KS_ROUTING_PORT", "5000")) {}

  static std::string env_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : std::string(fallback);
  }
};

}  // namespace kerbside
