#pragma once
// Settings singleton: vendor endpoints and Payloom's own API keys, from the
// environment, with production defaults.
#include <cstdlib>
#include <string>

namespace payloom {

class Settings {
 public:
  static Settings& get() {
    static Settings instance;
    return instance;
  }

  const std::string& checkr_host() const { return checkr_host_; }
  const std::string& checkr_api_key() const { return checkr_api_key_; }
  const std::string& treasury_host() const { return treasury_host_; }
  const std::string& treasury_org_id() const { return treasury_org_id_; }
  const std::string& treasury_api_key() const { return treasury_api_key_; }
  const std::string& mailgun_base() const { return mailgun_base_; }
  const std::string& mailgun_domain() const { return mailgun_domain_; }
  const std::string& mailgun_api_key() const { return mailgun_api_key_; }
  const std::string& slack_webhook_path() const { return slack_webhook_path_; }
  const std::string& db_url() const { return db_url_; }
  const std::string& db_user() const { return db_user_; }
  const std::string& db_password() const { return db_password_; }

 private:
  Settings()
      : checkr_host_(env("PAYLOOM_CHECKR_HOST", "api.checkr.com")),
        checkr_api_key_(env("PAYLOOM_CHECKR_API_KEY", "")),
        treasury_host_(env("PAYLOOM_MT_HOST", "app.moderntreasury.com")),
        treasury_org_id_(env("PAYLOOM_MT_ORG_ID", "")),
        treasury_api_key_(env("PAYLOOM_MT_API_KEY", "")),
        mailgun_base_(env("PAYLOOM_MAILGUN_BASE", "https://api.mailgun.net/v3")),
        mailgun_domain_(env("PAYLOOM_MAILGUN_DOMAIN", "mg.payloom.io")),
        mailgun_api_key_(env("PAYLOOM_MAILGUN_API_KEY", "")),
        slack_webhook_path_(env("PAYLOOM_SLACK_WEBHOOK_PATH", "/services/T0000/B0000/payroll-ops")),
        db_url_(env("PAYLOOM_DB_URL", "tcp://127.0.0.1:3306")),
        db_user_(env("PAYLOOM_DB_USER", "payloom")),
        db_password_(env("PAYLOOM_DB_PASSWORD", "")) {}

  static std::string env(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::string(value) : std::string(fallback);
  }

  std::string checkr_host_, checkr_api_key_;
  std::string treasury_host_, treasury_org_id_, treasury_api_key_;
  std::string mailgun_base_, mailgun_domain_, mailgun_api_key_;
  std::string slack_webhook_path_;
  std::string db_url_, db_user_, db_password_;
};

}  // namespace payloom
