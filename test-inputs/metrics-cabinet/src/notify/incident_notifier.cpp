// Metrics Cabinet: incident and maintenance notifications.
//
// "Service incident notifications (email)" and "Maintenance / security
// updates (email)". Incident mail goes through our own relay; the monthly
// maintenance bulletin is a bulk send. Customers' own notification channels
// (webhooks, Slack, Telegram) get the incident too, and the on-call channel
// gets a summary.
#include "config.h"
#include "models.h"
#include "net/http_client.h"

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

namespace mcab::notify {

class IncidentNotifier {
 public:
  IncidentNotifier(net::HttpClient& http, pqxx::connection& db, std::string sendgrid_api_key)
      : http_(http), db_(db), sendgrid_api_key_(std::move(sendgrid_api_key)) {}

  void notify_incident(const Incident& incident) {
    const std::vector<Recipient> recipients = affected_recipients(incident);
    for (const Recipient& r : recipients) {
      nlohmann::json mail;
      mail["to"] = r.email;
      mail["template"] = "incident";
      mail["vars"] = {{"name", r.name},
                      {"title", incident.title},
                      {"severity", to_string(incident.severity)},
                      {"status_page", incident.status_page_url}};
      const net::Response res = http_.post_json(config::kMailerUrl, mail.dump());  // expect-none
      if (!res.ok())
        spdlog::warn("notify: mail for account {} not accepted: HTTP {}", r.account_id, res.status);  // expect-none
      deliver_to_channels(incident, r.account_id);
    }

    if (incident.severity != Severity::Minor && !recipients.empty()) {
      const Recipient& first = recipients.front();
      nlohmann::json slack;
      slack["text"] = fmt::format(":rotating_light: {} ({}, {}): {} customers notified, first: {} <{}>",
                                  incident.title, incident.region, to_string(incident.severity),
                                  recipients.size(), first.name, first.email);
      http_.post_json(config::kOpsSlackWebhook, slack.dump());  // expect: privacy-undeclared-vendor - slack
    }
    spdlog::info("notify: incident {} sent to {} recipients", incident.id, recipients.size());  // expect-none
  }

  void send_maintenance_bulletin(const std::string& subject, const std::string& text) {
    const char* configured = std::getenv("MCAB_BULK_MAIL_URL");
    const std::string bulk_url = configured != nullptr ? configured : "https://api.sendgrid.com/v3/mail/send";

    pqxx::work txn(db_);
    const pqxx::result rows = txn.exec(  // expect-none
        "SELECT id, email, name FROM accounts WHERE closed_at IS NULL AND maintenance_mail");
    txn.commit();

    nlohmann::json mail;
    mail["from"] = {{"email", "notifications@uni-moni.com"}, {"name", "Metrics Cabinet"}};
    mail["subject"] = subject;
    mail["content"] = nlohmann::json::array({{{"type", "text/plain"}, {"value", text}}});
    mail["personalizations"] = nlohmann::json::array();
    for (const auto& row : rows) {
      mail["personalizations"].push_back(
          {{"to", nlohmann::json::array({{{"email", row["email"].c_str()}, {"name", row["name"].c_str()}}})}});
    }
    const std::vector<std::string> headers = {"Authorization: Bearer " + sendgrid_api_key_};
    const net::Response res = http_.post_json(bulk_url, mail.dump(), headers);  // expect: privacy-undeclared-vendor - sendgrid
    spdlog::info("notify: maintenance bulletin to {} accounts: HTTP {}", rows.size(), res.status);  // expect-none
  }

 private:
  std::vector<Recipient> affected_recipients(const Incident& incident) {
    pqxx::work txn(db_);
    const pqxx::result rows = txn.exec_params(  // expect-none
        "SELECT DISTINCT a.id, a.email, a.name FROM accounts a "
        "JOIN agents g ON g.account_id = a.id WHERE g.region = $1 AND a.incident_mail",
        incident.region);
    txn.commit();
    std::vector<Recipient> recipients;
    for (const auto& row : rows)
      recipients.push_back({row[0].as<AccountId>(), row[1].as<std::string>(), row[2].as<std::string>()});
    return recipients;
  }

  // The customer's own channels: whatever URL they configured in the cabinet.
  void deliver_to_channels(const Incident& incident, AccountId account_id) {
    pqxx::work txn(db_);
    const pqxx::result rows = txn.exec_params(
        "SELECT id, kind, webhook_url FROM notification_channels WHERE account_id = $1 AND enabled",
        account_id);
    txn.commit();
    for (const auto& row : rows) {
      const std::string webhook_url = row[2].as<std::string>();
      const nlohmann::json payload = {{"incident", incident.id},
                                      {"title", incident.title},
                                      {"severity", to_string(incident.severity)},
                                      {"status_page", incident.status_page_url},
                                      {"account_id", account_id}};
      const net::Response res = http_.post_json(webhook_url, payload.dump());  // expect-none
      if (!res.ok())
        spdlog::warn("notify: channel {} answered HTTP {}", row[0].as<long>(), res.status);  // expect-none
    }
  }

  net::HttpClient& http_;
  pqxx::connection& db_;
  std::string sendgrid_api_key_;
};

}  // namespace mcab::notify
