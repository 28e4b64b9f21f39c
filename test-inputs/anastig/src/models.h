// Anastig: the records handlers and services pass around. Column names
// follow the Django models the web app shares this database with.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace anastig {

using UserId = std::int64_t;
using WorkspaceId = std::int64_t;

// accounts_user
struct Account {
  UserId id = 0;
  std::string email;
  std::string name;
  std::string password;  // Django's encoded form: pbkdf2_sha256$<iter>$<salt>$<hash>
  bool is_active = true;
  bool email_verified = false;
  bool mfa_enabled = false;
  std::string organization;
  std::string country;
  std::string industry;
  std::string intended_use;
  std::string role;
  std::string language_preference;
  bool analytics_opt_in = false;
};

// A customer's own S3-compatible bucket ("your chosen S3-compatible bucket"),
// from workspace settings.
struct ByoBucket {
  std::string endpoint;  // e.g. https://minio.customer.example:9000
  std::string bucket;
  std::string region;
  std::string access_key_id;
  std::string secret_access_key;
};

struct Workspace {
  WorkspaceId id = 0;
  std::string slug;
  UserId owner_id = 0;
  std::optional<ByoBucket> byo_bucket;
};

struct ImageUpload {
  WorkspaceId workspace_id = 0;
  std::int64_t project_id = 0;
  std::string filename;
  std::string content_type;  // image/jpeg, image/png, image/tiff
  std::string image_bytes;
};

struct DatasetExport {
  WorkspaceId workspace_id = 0;
  std::int64_t project_id = 0;
  std::string format;  // "coco" | "yolo" | "voc"
  std::string export_file;  // the zip
  std::size_t image_count = 0;
  std::size_t label_count = 0;
};

// Kinds of security events ("failed logins, throttle hits, account changes").
enum class SecurityEventKind { FailedLogin, ThrottleHit, AccountChange };

inline const char* to_string(SecurityEventKind kind) {
  switch (kind) {
    case SecurityEventKind::FailedLogin: return "failed_login";
    case SecurityEventKind::ThrottleHit: return "throttle_hit";
    case SecurityEventKind::AccountChange: return "account_change";
  }
  return "unknown";
}

}  // namespace anastig
