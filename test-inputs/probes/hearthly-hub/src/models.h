#pragma once
// Hub, home and device types shared by the cloud services.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hearthly {

struct HomeAddress {
  std::string street;
  std::string city;
  std::string postal_code;
  std::string country;
};

struct Home {
  long long home_id = 0;
  long long owner_id = 0;
  std::string owner_email;
  std::string owner_first_name;
  std::string timezone = "Europe/Berlin";
  HomeAddress address;
  std::vector<std::string> rooms;
};

// A device the hub saw on the home network (ARP/mDNS scan).
struct NetworkDevice {
  std::string mac_address;
  std::string vendor_oui;
  std::string mdns_name;
};

// Hourly health report posted by each hub.
struct HubReport {
  std::string hub_serial;
  std::string firmware_version;
  long long uptime_s = 0;
  int wifi_rssi = 0;
  std::optional<int> free_heap_kb;
  std::string public_ip;
  std::vector<NetworkDevice> nearby;
};

// One far-field voice command.
struct VoiceRequest {
  std::string hub_serial;
  long long home_id = 0;
  std::string voice_clip;  // 16 kHz mono PCM
  std::string language = "en";
};

// A geofence fix from the companion app (legacy Android 2.x builds only).
struct GeoFix {
  double latitude = 0.0;
  double longitude = 0.0;
  float accuracy_m = 0.0f;
};

// Household members for the kids' bedtime scenes.
struct HouseholdMember {
  std::string bedroom;  // the room whose lights the bedtime scene dims
  std::string date_of_birth;
};

}  // namespace hearthly
