// Stripe billing over the REST API (form-encoded bodies, bearer secret key).
// https://docs.stripe.com/api
#include <cstdio>
#include <ctime>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "net.h"
#include "services.h"

namespace mixlens::billing {

namespace {

net::Client stripe_client() {
  net::Client client(config::stripe_secret_key());
  client.add_header("Stripe-Version: " STRIPE_API_VERSION);
  return client;
}

const char* price_for(Plan plan) {
  return plan == Plan::Studio ? config::kPriceStudioMonthly : config::kPriceProMonthly;
}

long monthly_cents(Plan plan) { return plan == Plan::Studio ? 2900 : 1200; }

}  // namespace

// POST /v1/customers, on the first upgrade.
std::optional<std::string> create_customer(const User& user) {
  const std::string form = "email=" + net::url_encode(user.email) +
                           "&name=" + net::url_encode(user.display_name) +
                           "&metadata[mixlens_user_id]=" + std::to_string(user.id);
  const net::Client client = stripe_client();
  const net::Response res = client.post(config::stripe_api_base() + "/v1/customers", form);  // expect: privacy-vendor-category user.contact.email stripe; privacy-vendor-category user.name stripe; privacy-vendor-category user.unique_id stripe
  if (!res.ok()) {
    spdlog::error("stripe: customer creation failed with HTTP {}", res.status);
    return std::nullopt;
  }
  const auto customer = nlohmann::json::parse(res.body, nullptr, false);
  if (customer.is_discarded()) return std::nullopt;
  const std::string stripe_customer_id = customer.value("id", "");
  spdlog::info("stripe customer {} created for user {}", stripe_customer_id, user.id);  // expect: privacy-log-exposure user.unique_id.stripe_customer_id log; privacy-log-exposure user.unique_id log
  return stripe_customer_id;
}

// POST /v1/subscriptions
bool start_subscription(const std::string& stripe_customer_id, Plan plan) {
  const std::string form = "customer=" + net::url_encode(stripe_customer_id) +
                           "&items[0][price]=" + price_for(plan) +
                           "&payment_behavior=default_incomplete" +
                           "&metadata[plan]=" + plan_name(plan);
  const net::Client client = stripe_client();
  const net::Response res = client.post(config::stripe_api_base() + "/v1/subscriptions", form);  // expect-none
  if (!res.ok()) {
    spdlog::warn("stripe: subscription request failed with HTTP {}", res.status);
    return false;
  }
  analytics::report_revenue(plan, monthly_cents(plan));
  return true;
}

// Legacy invoice form: card details posted to us and forwarded to Stripe as a
// PaymentMethod. Kept for the three enterprise customers not yet on Checkout.
bool attach_card(const std::string& stripe_customer_id, const CardInput& card) {
  std::ostringstream form;
  form << "type=card"
       << "&card[number]=" << net::url_encode(card.card_number)
       << "&card[exp_month]=" << card.exp_month
       << "&card[exp_year]=" << card.exp_year
       << "&card[cvc]=" << net::url_encode(card.cvc);
  const net::Client client = stripe_client();
  const net::Response created = client.post(config::stripe_api_base() + "/v1/payment_methods", form.str());  // expect: privacy-not-collected user.financial.credit_card stripe
  if (!created.ok()) return false;
  const auto method = nlohmann::json::parse(created.body, nullptr, false);
  if (method.is_discarded()) return false;
  const std::string attach_url = config::stripe_api_base() + "/v1/payment_methods/" +
                                 method.value("id", "") + "/attach";
  const net::Response attached = client.post(attach_url, "customer=" + net::url_encode(stripe_customer_id));  // expect-none
  return attached.ok();
}

// Verifies the Stripe-Signature header of an incoming event:
//   t=1492774577,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
bool verify_stripe_signature(const std::string& payload, const std::string& signature_header) {
  std::string timestamp;
  std::string v1;
  std::istringstream parts(signature_header);
  std::string part;
  while (std::getline(parts, part, ',')) {
    if (part.rfind("t=", 0) == 0) timestamp = part.substr(2);
    if (part.rfind("v1=", 0) == 0) v1 = part.substr(3);
  }
  if (timestamp.empty() || v1.empty()) return false;
  const long age = static_cast<long>(std::time(nullptr)) - std::stol(timestamp);
  if (age > 300) {
    spdlog::warn("stripe webhook rejected: timestamp {}s old", age);
    return false;
  }
  const std::string expected =
      crypto::hmac_sha256_hex(config::stripe_signing_secret(), timestamp + "." + payload);
  return crypto::constant_time_equal(expected, v1);
}

}  // namespace mixlens::billing
