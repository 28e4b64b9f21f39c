// Stripe integration: customers, PaymentIntents for web checkout, and the
// wholesale portal's legacy card form.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>
#include <random>
#include <sstream>
#include <string>

#include "models.h"

namespace cartfox::payments {

namespace {
constexpr const char* kStripeApi = "https://api.stripe.com";
constexpr const char* kStripeVersion = "2024-06-20";

std::string random_key(const std::string& prefix) {
  static std::mt19937_64 rng{std::random_device{}()};
  std::ostringstream out;
  out << prefix << '-' << std::hex << rng() << rng();
  return out.str();
}
}  // namespace

class PaymentIntentRequest {
 public:
  PaymentIntentRequest& customer(const std::string& stripe_customer_id) { customer_ = stripe_customer_id; return *this; }
  PaymentIntentRequest& amount(long cents) { amount_cents_ = cents; return *this; }
  PaymentIntentRequest& currency(const std::string& code) { currency_ = code; return *this; }
  PaymentIntentRequest& description(const std::string& text) { description_ = text; return *this; }
  PaymentIntentRequest& receipt_email(const std::string& email) { receipt_email_ = email; return *this; }
  PaymentIntentRequest& idempotency_key(const std::string& key) { idempotency_key_ = key; return *this; }

  httplib::Params to_params() const {
    httplib::Params params{{"customer", customer_}, {"amount", std::to_string(amount_cents_)}, {"currency", currency_}, {"automatic_payment_methods[enabled]", "true"}};
    if (!description_.empty()) params.emplace("description", description_);
    if (!receipt_email_.empty()) params.emplace("receipt_email", receipt_email_);
    return params;
  }
  const std::string& idempotency() const { return idempotency_key_; }

 private:
  std::string customer_;
  long amount_cents_ = 0;
  std::string currency_ = "eur";
  std::string description_;
  std::string receipt_email_;
  std::string idempotency_key_;
};

class StripeClient {
 public:
  StripeClient() : http_(kStripeApi) {
    const char* key = std::getenv("STRIPE_SECRET_KEY");
    http_.set_bearer_token_auth(key != nullptr ? key : "");  // expect-none: CartFox's own Stripe secret key (system.authentication)
    http_.set_default_headers({{"Stripe-Version", kStripeVersion}});
    http_.set_read_timeout(20);
  }

  std::string create_customer(const Customer& customer) {
    const httplib::Params params{{"email", customer.email}, {"name", customer.full_name}, {"metadata[cartfox_user_id]", std::to_string(customer.user_id)}};
    auto res = http_.Post("/v1/customers", params);  // expect: privacy-vendor-category user.name stripe; privacy-vendor-category user.unique_id stripe
    if (!res || res->status != 200) return {};
    return nlohmann::json::parse(res->body).value("id", "");
  }

  std::string create_payment_intent(const PaymentIntentRequest& request) {
    const httplib::Headers headers{{"Idempotency-Key", request.idempotency()}};
    auto res = http_.Post("/v1/payment_intents", headers, request.to_params());  // expect-none: the request's content is judged where it is built (charge_order)
    if (!res || res->status != 200) return {};
    return nlohmann::json::parse(res->body).value("client_secret", "");
  }

  // Wholesale portal (2017): the form posts card fields to us and we create
  // the PaymentMethod server-side.
  std::string create_card_payment_method(const CardInput& card, const std::string& stripe_customer_id) {
    std::ostringstream form;
    form << "type=card&card[number]=" << card.card_number << "&card[exp_month]=" << card.exp_month << "&card[exp_year]=" << card.exp_year << "&card[cvc]=" << card.cvc;
    auto res = http_.Post("/v1/payment_methods", form.str(), "application/x-www-form-urlencoded");  // expect: privacy-not-collected user.financial.credit_card stripe
    if (!res || res->status != 200) return {};
    const std::string payment_method = nlohmann::json::parse(res->body).value("id", "");
    http_.Post("/v1/payment_methods/" + payment_method + "/attach", httplib::Params{{"customer", stripe_customer_id}});  // expect-none: only the Stripe customer id, which Stripe receives
    return payment_method;
  }

 private:
  httplib::Client http_;
};

std::string ensure_customer(StripeClient& stripe, Customer& customer) {
  if (customer.stripe_customer_id.empty()) {
    customer.stripe_customer_id = stripe.create_customer(customer);
    spdlog::info("stripe: customer {} created for user {}", customer.stripe_customer_id, customer.user_id);  // expect-none: user.unique_id in the logs' allowed list covers user.unique_id.stripe_customer_id
  }
  return customer.stripe_customer_id;
}

std::string charge_order(StripeClient& stripe, Customer& customer, const Order& order) {
  PaymentIntentRequest request;
  request.customer(ensure_customer(stripe, customer))
      .amount(order.total_cents)
      .currency(order.currency)
      .description("CartFox order, " + std::to_string(order.items.size()) + " items")
      .receipt_email(order.contact_email)
      .idempotency_key(random_key("checkout"));
  const std::string client_secret = stripe.create_payment_intent(request);  // expect-none: Stripe customer id, amount and receipt email, all in Stripe's receives
  if (client_secret.empty()) {
    std::cerr << "stripe: payment intent failed for " << order.contact_email << '\n';  // expect: privacy-log-exposure user.contact.email log
  }
  return client_secret;
}

}  // namespace cartfox::payments
