// Shipping labels through Shippo, and the warehouse pick-list export.
#define CPPHTTPLIB_OPENSSL_SUPPORT
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "models.h"

namespace cartfox::shipping {

namespace {

namespace shippo_api {
constexpr const char* kHost = "https://api.goshippo.com";
constexpr const char* kShipments = "/shipments/";
constexpr const char* kTracks = "/tracks/";
}  // namespace shippo_api

// Every order ships in the same 30x20x12 box; the courier re-weighs it.
const nlohmann::json kStandardParcel = {{"length", "30"}, {"width", "20"}, {"height", "12"}, {"distance_unit", "cm"}, {"weight", "1.5"}, {"mass_unit", "kg"}};

// The warehouse in Leipzig.
const nlohmann::json kAddressFrom = {{"name", "CartFox Fulfilment"}, {"street1", "Spinnereistraße 7"}, {"city", "Leipzig"}, {"zip", "04179"}, {"country", "DE"}};

nlohmann::json to_shippo_address(const Address& address) {
  return {{"name", address.recipient_name}, {"street1", address.street1}, {"street2", address.street2}, {"city", address.city}, {"zip", address.postal_code}, {"country", address.country}};
}

}  // namespace

class ShippoClient {
 public:
  ShippoClient() : http_(shippo_api::kHost) {
    const char* token = std::getenv("SHIPPO_API_TOKEN");
    http_.set_default_headers({{"Authorization", std::string("ShippoToken ") + (token != nullptr ? token : "")}});
    http_.set_read_timeout(30);
  }

  // Creates a shipment for the order's parcel and returns the Shippo object id.
  std::string create_shipment(const Order& order) {
    nlohmann::json shipment = {
        {"address_from", kAddressFrom},
        {"address_to", to_shippo_address(order.shipping)},
        {"parcels", nlohmann::json::array({kStandardParcel})},
        {"async", false},
    };
    if (!order.phone_number.empty()) {
      // DHL Express refuses parcels without a phone number for the courier.
      shipment["address_to"]["phone"] = order.phone_number;
    }
    auto res = http_.Post(shippo_api::kShipments, shipment.dump(), "application/json");  // expect: privacy-vendor-category user.contact.phone_number shippo
    if (!res || res->status != 201) {
      spdlog::warn("shippo: shipment rejected for {}, {}", order.shipping.street1, order.shipping.postal_code);  // expect: privacy-log-exposure user.contact.address.street log; privacy-log-exposure user.contact.address.postal_code log
      return {};
    }
    return nlohmann::json::parse(res->body).value("object_id", "");
  }

  // Validates an address before checkout completes; name and address only.
  bool validate(const Address& address) {
    nlohmann::json body = to_shippo_address(address);
    body["validate"] = true;
    auto res = http_.Post("/addresses/", body.dump(), "application/json");  // expect-none: recipient name and address, which Shippo receives
    return res && res->status == 201 && nlohmann::json::parse(res->body)["validation_results"].value("is_valid", false);
  }

  std::string tracking_status(const std::string& carrier, const std::string& tracking_number) {
    auto res = http_.Get(std::string(shippo_api::kTracks) + carrier + "/" + tracking_number);  // expect-none: a carrier's parcel number, no personal data, to a declared vendor
    return res && res->status == 200 ? nlohmann::json::parse(res->body)["tracking_status"].value("status", "UNKNOWN") : "UNKNOWN";
  }

 private:
  httplib::Client http_;
};

// Nightly pick list for the warehouse team.
void export_pick_list(const std::vector<Order>& orders, const std::string& path) {
  std::ofstream csv(path, std::ios::trunc);
  csv << "order_id,sku,quantity\n";
  for (const Order& order : orders) {
    for (const CartLine& line : order.items) {
      csv << order.order_id << ',' << line.sku << ',' << line.quantity << '\n';  // expect-none: order number and items, declared with no storage rule
    }
  }
  std::cout << "pick list: " << orders.size() << " orders written to " << path << std::endl;  // expect-none: a count and a file path
}

}  // namespace cartfox::shipping
