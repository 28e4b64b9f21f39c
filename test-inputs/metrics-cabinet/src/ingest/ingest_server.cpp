// Metrics Cabinet: the ingest endpoint agents push to.
//
//   POST /api/v1/ingest   X-Api-Key: <agent key>
//   {"agent_id": "...", "agent_version": "...", "hostname": "...", "os": "...",
//    "cpu_model": "...", "cpu_cores": 8,
//    "samples": [{"metric_name": "...", "metric_value": 1.0, "ts_ms": ..., "metric_labels": {...}}]}
//
// Samples go to the TimescaleDB `samples` hypertable; the agent row is
// upserted so that the cabinet can list a customer's machines.
#include "models.h"

#include <fmt/core.h>
#include <httplib.h>
#include <libpq-fe.h>
#include <nlohmann/json.hpp>
#include <openssl/sha.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>
#include <string>

namespace mcab::ingest {

// "Metrics — per the plan's retention (30 days / 90 days / custom)"
constexpr std::chrono::hours kStarterMetricsRetention{24 * 30};  // expect-none
constexpr std::chrono::hours kProMetricsRetention{24 * 90};  // expect-none
// Custom plans: the longest any contract asks for today (two of them).
constexpr std::chrono::hours kEnterpriseMetricsRetention{24 * 400};  // expect: privacy-retention user.content.agent_metrics -

// What the handlers need to know about a request beyond httplib's struct.
class RequestContext {
 public:
  explicit RequestContext(const httplib::Request& req) : req_(req) {}
  const std::string& client_ip() const { return req_.remote_addr; }
  std::string api_key() const { return req_.get_header_value("X-Api-Key"); }

 private:
  const httplib::Request& req_;
};

namespace {

std::string sha256_hex(const std::string& input) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  std::string hex;
  for (unsigned char byte : digest)
    hex += fmt::format("{:02x}", byte);
  return hex;
}

std::optional<AccountId> authenticate(PGconn* conn, const std::string& api_key) {
  const std::string key_sha256 = sha256_hex(api_key);
  const char* params[1] = {key_sha256.c_str()};
  PGresult* res = PQexecParams(conn,  // expect-none
                               "SELECT account_id FROM api_keys WHERE key_sha256 = $1 AND NOT revoked",
                               1, nullptr, params, nullptr, nullptr, 0);
  std::optional<AccountId> account_id;
  if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
    account_id = std::stoll(PQgetvalue(res, 0, 0));
  PQclear(res);
  return account_id;
}

void write_access_log(const httplib::Request& req, const httplib::Response& res, AccountId account_id) {
  const std::string access_log = fmt::format("{} {} {} account={} bytes={}", req.method, req.path,
                                             res.status, account_id, req.body.size());
  spdlog::info(access_log);  // expect-none
}

}  // namespace

class IngestServer {
 public:
  explicit IngestServer(PGconn* conn) : conn_(conn) {}

  void install(httplib::Server& server) {
    server.Post("/api/v1/ingest", [this](const httplib::Request& req, httplib::Response& res) {
      handle_ingest(req, res);
    });
  }

  // Drops samples past the account's plan retention; run hourly.
  void purge_expired(AccountId account_id, const std::string& plan) {
    const auto retention = plan == "custom" ? kEnterpriseMetricsRetention
                           : plan == "pro"  ? kProMetricsRetention
                                            : kStarterMetricsRetention;
    const std::string hours = std::to_string(retention.count());
    const std::string account = std::to_string(account_id);
    const char* params[2] = {account.c_str(), hours.c_str()};
    PGresult* res = PQexecParams(conn_,  // expect-none
                                 "DELETE FROM samples WHERE account_id = $1 "
                                 "AND ts < now() - make_interval(hours => $2::int)",
                                 2, nullptr, params, nullptr, nullptr, 0);
    PQclear(res);
  }

 private:
  void handle_ingest(const httplib::Request& req, httplib::Response& res) {
    const RequestContext ctx(req);
    const std::string api_key = ctx.api_key();
    const std::optional<AccountId> account_id = authenticate(conn_, api_key);
    if (!account_id) {
      spdlog::warn("ingest: rejected api key {} from {}", api_key, ctx.client_ip());  // expect: privacy-log-exposure user.authorization.credentials log; privacy-undeclared-category user.device.ip_address log
      res.status = 401;
      return;
    }

    const auto payload = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (payload.is_discarded() || !payload.contains("samples")) {
      res.status = 400;
      write_access_log(req, res, *account_id);
      return;
    }

    const std::string account = std::to_string(*account_id);
    const std::string agent_id = payload.value("agent_id", "");
    const std::string hostname = payload.value("hostname", "");
    const std::string os = payload.value("os", "");
    const char* agent_params[4] = {account.c_str(), agent_id.c_str(), hostname.c_str(), os.c_str()};
    PGresult* upsert = PQexecParams(conn_,  // expect: privacy-undeclared-category user.device.device_id storage; privacy-undeclared-category user.device.os storage
                                    "INSERT INTO agents (account_id, agent_id, hostname, os, last_seen) "
                                    "VALUES ($1, $2, $3, $4, now()) ON CONFLICT (agent_id) DO UPDATE "
                                    "SET hostname = EXCLUDED.hostname, os = EXCLUDED.os, last_seen = now()",
                                    4, nullptr, agent_params, nullptr, nullptr, 0);
    PQclear(upsert);

    const auto& samples = payload.at("samples");
    for (const auto& sample : samples) {
      const std::string metric_name = sample.at("metric_name").get<std::string>();
      const std::string metric_value = fmt::format("{}", sample.at("metric_value").get<double>());
      const std::string ts_ms = std::to_string(sample.at("ts_ms").get<long long>());
      const std::string metric_labels = sample.value("metric_labels", nlohmann::json::object()).dump();
      const char* params[6] = {account.c_str(), agent_id.c_str(), metric_name.c_str(),
                               metric_value.c_str(), ts_ms.c_str(), metric_labels.c_str()};
      PGresult* insert = PQexecParams(conn_,  // expect-none
                                      "INSERT INTO samples (account_id, agent_id, metric_name, metric_value, ts, metric_labels) "
                                      "VALUES ($1, $2, $3, $4::float8, to_timestamp($5::bigint / 1000.0), $6::jsonb)",
                                      6, nullptr, params, nullptr, nullptr, 0);
      PQclear(insert);
    }

    const std::size_t sample_count = samples.size();
    spdlog::debug("ingest: {} samples from agent {}", sample_count, agent_id);  // expect-none
    res.status = 204;
    write_access_log(req, res, *account_id);
  }

  PGconn* conn_;
};

}  // namespace mcab::ingest
