#pragma once
// Shop domain types.
#include <cstdint>
#include <string>
#include <vector>

namespace cartfox {

struct Address {
  std::string recipient_name;
  std::string street1;
  std::string street2;
  std::string city;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2
};

struct Customer {
  int64_t user_id = 0;
  std::string email;
  std::string full_name;
  std::string stripe_customer_id;
};

struct CartLine {
  std::string sku;
  int quantity = 0;
  long unit_price_cents = 0;
};

struct Order {
  int64_t order_id = 0;
  int64_t user_id = 0;
  std::vector<CartLine> items;
  long total_cents = 0;
  std::string currency = "eur";
  Address shipping;
  std::string phone_number;   // optional, for the courier
  std::string contact_email;
  std::string date_of_birth;  // age check for the liqueur-filled chocolates
  std::string client_ip;
};

// Only the legacy wholesale portal still posts raw card fields.
struct CardInput {
  std::string card_number;
  int exp_month = 0;
  int exp_year = 0;
  std::string cvc;
};

}  // namespace cartfox
