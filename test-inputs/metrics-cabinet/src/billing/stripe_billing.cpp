// Metrics Cabinet: Stripe billing.
#include "billing/stripe_billing.h"

#include "config.h"

#include <spdlog/spdlog.h>

#include <sstream>
#include <stdexcept>
#include <utility>

namespace mcab::billing {

namespace {

std::string require_id(const net::Response& res, const char* what) {
  if (!res.ok()) {
    spdlog::error("stripe: {} failed: HTTP {} {}", what, res.status, res.error);  // expect-none
    throw std::runtime_error(std::string("stripe: ") + what + " failed");
  }
  const auto doc = nlohmann::json::parse(res.body);
  return doc.at("id").get<std::string>();
}

}  // namespace

StripeBilling::StripeBilling(net::HttpClient& http, std::string stripe_secret_key)
    : http_(http), stripe_secret_key_(std::move(stripe_secret_key)) {}

net::Response StripeBilling::stripe_post(const std::string& path, const std::string& form) {
  const std::vector<std::string> headers = {
      "Authorization: Bearer " + stripe_secret_key_,
      std::string("Stripe-Version: ") + config::kStripeApiVersion,
  };
  return http_.post_form(std::string(config::kStripeApiBase) + path, form, headers);  // expect-none
}

std::string StripeBilling::address_fields(const InvoiceAddress& address) {
  std::ostringstream form;
  form << "&address[line1]=" << http_.escape(address.line1)
       << "&address[line2]=" << http_.escape(address.line2)
       << "&address[postal_code]=" << http_.escape(address.postal_code)
       << "&address[city]=" << http_.escape(address.city)
       << "&address[state]=" << http_.escape(address.state)
       << "&address[country]=" << http_.escape(address.country);
  return form.str();
}

std::string StripeBilling::create_customer(const Account& account, const InvoiceAddress& address,
                                           const std::string& client_ip) {
  std::ostringstream form;
  form << "name=" << http_.escape(account.name)
       << "&email=" << http_.escape(account.email)
       << "&description=" << http_.escape(address.company)
       << address_fields(address)
       << "&tax[ip_address]=" << http_.escape(client_ip)
       << "&preferred_locales[]=en";
  const net::Response res = stripe_post("/customers", form.str());  // expect: privacy-vendor-category user.name stripe; privacy-vendor-category user.contact.email stripe; privacy-undeclared-category user.device.ip_address stripe
  const std::string customer = require_id(res, "create customer");
  spdlog::info("stripe: created customer {} for account {}", customer, account.id);  // expect-none
  return customer;
}

std::string StripeBilling::subscribe(const std::string& stripe_customer_id, const std::string& price_id) {
  const std::string form = "customer=" + http_.escape(stripe_customer_id) +
                           "&items[0][price]=" + http_.escape(price_id) +
                           "&payment_behavior=error_if_incomplete&collection_method=charge_automatically";
  const net::Response res = stripe_post("/subscriptions", form);  // expect: privacy-vendor-category user.unique_id stripe
  return require_id(res, "create subscription");
}

std::string StripeBilling::attach_card(const nlohmann::json& card_form) {
  const std::string card_number = card_form.at("card_number").get<std::string>();
  const int exp_month = card_form.at("exp_month").get<int>();
  const int exp_year = card_form.at("exp_year").get<int>();
  const std::string cvc = card_form.at("cvc").get<std::string>();

  std::ostringstream form;
  form << "type=card"
       << "&card[number]=" << http_.escape(card_number)
       << "&card[exp_month]=" << exp_month
       << "&card[exp_year]=" << exp_year
       << "&card[cvc]=" << http_.escape(cvc);
  const net::Response res = stripe_post("/payment_methods", form.str());  // expect: privacy-not-collected user.financial.credit_card stripe
  const std::string payment_method = require_id(res, "create payment method");

  const auto doc = nlohmann::json::parse(res.body);
  const std::string card_last4 = doc["card"].value("last4", "");
  spdlog::info("stripe: attached {} (card ending {})", payment_method, card_last4);  // expect: privacy-not-collected user.financial.credit_card log
  return payment_method;
}

std::vector<Price> StripeBilling::list_prices() {
  const std::vector<std::string> headers = {"Authorization: Bearer " + stripe_secret_key_};
  const net::Response res = http_.get(  // expect-none
      std::string(config::kStripeApiBase) + "/prices?active=true&limit=20", headers);
  std::vector<Price> prices;
  if (!res.ok())
    return prices;
  const auto doc = nlohmann::json::parse(res.body);
  for (const auto& item : doc.at("data")) {
    Price price;
    price.id = item.at("id").get<std::string>();
    price.nickname = item.value("nickname", "");
    price.unit_amount = item.value("unit_amount", 0L);
    price.currency = item.value("currency", "eur");
    prices.push_back(std::move(price));
  }
  spdlog::debug("stripe: {} active prices", prices.size());  // expect-none
  return prices;
}

}  // namespace mcab::billing
