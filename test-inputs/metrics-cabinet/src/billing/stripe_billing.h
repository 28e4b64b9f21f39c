// Metrics Cabinet: billing through Stripe's REST API.
//
// "Billing — Via Stripe — we do not store your card number — Invoice address
// (legal entity)". Card entry normally happens in Stripe Checkout; the
// cabinet only keeps the Stripe customer id and the invoice address.
#pragma once

#include "models.h"
#include "net/http_client.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace mcab::billing {

// Invoices and billing records. Finance asked for ten years (HGB 257 /
// AO 147 for German customers).
constexpr std::chrono::hours kInvoiceRetention{24 * 365 * 10};  // expect: privacy-retention user.behavior.purchase_history -

struct Price {
  std::string id;  // "price_..."
  std::string nickname;
  long unit_amount = 0;  // cents
  std::string currency;
};

class StripeBilling {
 public:
  StripeBilling(net::HttpClient& http, std::string stripe_secret_key);

  // Creates the Stripe customer at the end of the upgrade flow; returns
  // the customer id ("cus_...").
  std::string create_customer(const Account& account, const InvoiceAddress& address,
                              const std::string& client_ip);
  // Starts a subscription on the default payment method; returns "sub_...".
  std::string subscribe(const std::string& stripe_customer_id, const std::string& price_id);
  // Legacy card form of the 2022 cabinet, still used by the Terraform
  // provider's `mcab_billing` resource. Returns the payment method id.
  std::string attach_card(const nlohmann::json& card_form);
  std::vector<Price> list_prices();

 private:
  net::Response stripe_post(const std::string& path, const std::string& form);
  std::string address_fields(const InvoiceAddress& address);

  net::HttpClient& http_;
  std::string stripe_secret_key_;
};

}  // namespace mcab::billing
