// Hub claiming, accounts, the network-device inventory and linked
// integrations, in PostgreSQL through SOCI.
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <soci/soci.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "log.h"
#include "models.h"
#include "vault.h"

namespace hearthly {

namespace {

constexpr auto kIpAddressMaxAge = std::chrono::hours(24 * 7);  // expect-none: seven days is within the IP address's 30d

std::string sha256_hex(const std::string& input) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), md);
  std::string out;
  for (unsigned char byte : md) out += fmt::format("{:02x}", byte);
  return out;
}

std::string scrypt_hash(const std::string& password) {
  unsigned char salt[16];
  unsigned char key[32];
  RAND_bytes(salt, sizeof salt);
  EVP_PBE_scrypt(password.data(), password.size(), salt, sizeof salt, 1 << 15, 8, 1, 64ULL << 20, key, sizeof key);
  std::string out = "scrypt$";
  for (unsigned char byte : salt) out += fmt::format("{:02x}", byte);
  out += '$';
  for (unsigned char byte : key) out += fmt::format("{:02x}", byte);
  return out;
}

}  // namespace

class HubRegistry {
 public:
  explicit HubRegistry(const std::string& connect_string) : sql_(connect_string), log_(component_logger("registry")) {}

  long long create_account(const std::string& email, const std::string& first_name, const std::string& password) {
    const std::string pw = scrypt_hash(password);
    long long id = 0;
    sql_ << "insert into accounts(email, first_name, pw_hash) values(:email, :first_name, :pw) returning id", soci::use(email), soci::use(first_name), soci::use(pw), soci::into(id);  // expect-none: email and first name (declared, no storage rule) and an scrypt hash of the password
    return id;
  }

  bool claim_hub(const std::string& hub_serial, long long owner_id) {
    std::string owner_email;
    sql_ << "select email from accounts where id = :id", soci::into(owner_email), soci::use(owner_id);  // expect-none: a SELECT: the email is read back through soci::into; only the account number goes to the database
    if (owner_email.empty()) {
      log_->warn("claim of hub {} for unknown account {}", hub_serial, owner_id);  // expect-none: hub serial and account number, both allowed in logs
      return false;
    }
    sql_ << "update hubs set owner_id = :owner, claimed_at = now() where serial = :serial", soci::use(owner_id), soci::use(hub_serial);
    log_->info("hub {} claimed by {}", hub_serial, owner_email);  // expect: privacy-log-exposure user.contact.email log
    return true;
  }

  // Inventory from the hub's hourly ARP/mDNS scan.
  void record_network_devices(const std::string& hub_serial, const std::vector<NetworkDevice>& devices) {
    for (const NetworkDevice& device : devices) {
      const std::string mac_hash = sha256_hex(device.mac_address);
      sql_ << "insert into network_devices(hub_serial, mac_sha256) values(:hub, :mac) on conflict do nothing", soci::use(hub_serial), soci::use(mac_hash);  // expect-none: the MAC address's SHA-256, as storage: hashed asks
    }
  }

  // Support tooling wants the raw address of devices that fail to pair.
  void flag_unpaired(const std::string& hub_serial, const NetworkDevice& device, const std::string& reason) {
    sql_ << "insert into pairing_failures(hub_serial, mac_address, reason) values(:hub, :mac, :reason)", soci::use(hub_serial), soci::use(device.mac_address), soci::use(reason);  // expect: privacy-storage-protection user.device.mac_address storage
  }

  void set_home_address(long long home_id, const HomeAddress& address) {
    sql_ << "update homes set street = :street, postal_code = :zip, country = :country where id = :id", soci::use(address.street), soci::use(address.postal_code), soci::use(address.country), soci::use(home_id);  // expect-none: the home address is declared and has no storage rule
  }

  // Legacy Android 2.x companion apps still post their geofence centre.
  void set_geofence(long long home_id, const GeoFix& fix) {
    if (fix.accuracy_m > 200.0f) return;
    sql_ << "update homes set fence_lat = :lat, fence_lng = :lng where id = :id", soci::use(fix.latitude), soci::use(fix.longitude), soci::use(home_id);  // expect: privacy-not-collected user.location.precise storage
  }

  void add_household_member(long long home_id, const HouseholdMember& member) {
    sql_ << "insert into household(home_id, bedroom, date_of_birth) values(:home, :room, :dob)", soci::use(home_id), soci::use(member.bedroom), soci::use(member.date_of_birth);  // expect: privacy-undeclared-category user.demographic.date_of_birth storage
  }

  void link_integration(long long home_id, const std::string& provider, const std::string& refresh_token) {
    const std::string wrapped = vault::wrap(refresh_token);
    sql_ << "insert into integrations(home_id, provider, refresh_token) values(:home, :provider, :token)", soci::use(home_id), soci::use(provider), soci::use(wrapped);  // expect-none: the refresh token wrapped by vault::wrap (encrypted)
    std::optional<std::string> cache_dir;
    if (const char* dir = std::getenv("HEARTHLY_TOKEN_CACHE")) cache_dir = dir;
    if (!cache_dir) return;
    std::ofstream cache(*cache_dir + "/" + provider + "-" + std::to_string(home_id) + ".json", std::ios::trunc);
    cache << nlohmann::json{{"home_id", home_id}, {"provider", provider}, {"refresh_token", refresh_token}}.dump() << '\n';  // expect: privacy-storage-protection user.authorization.credentials storage
  }

  void expire_public_ips() {
    const long long cutoff_s = std::chrono::duration_cast<std::chrono::seconds>((std::chrono::system_clock::now() - kIpAddressMaxAge).time_since_epoch()).count();
    sql_ << "update hubs set public_ip = null where ip_seen_at < to_timestamp(:cutoff)", soci::use(cutoff_s);
    log_->info("expired public IPs older than {}", cutoff_s);  // expect-none: a timestamp
  }

 private:
  soci::session sql_;
  std::shared_ptr<spdlog::logger> log_;
};

}  // namespace hearthly
