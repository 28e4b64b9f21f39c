// Nightly maintenance: prunes generated outputs, expires stale invoices,
// configures the outputs bucket lifecycle, and prints a short report.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <curl/curl.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "config.h"
#include "services.h"

namespace rendermix {

// "Generated outputs: pruned automatically 90 days after creation."
constexpr auto kGeneratedOutputRetention = std::chrono::hours(24 * 90);  // expect-none

namespace storage {
// Lifetime of objects in the cold outputs archive (the abuse team asked for
// outputs to stay reviewable for four months after a report).
constexpr long kOutputLifetimeSeconds = 120L * 24 * 60 * 60;  // expect: privacy-retention user.content.generated_output -
}  // namespace storage

constexpr auto kInvoiceExpiry = std::chrono::hours(2);

namespace {

struct PruneStats {
  int outputs_removed = 0;
  int invoices_expired = 0;
  std::uintmax_t bytes_freed = 0;
};

int collect_path(void* userp, int argc, char** argv, char** /*columns*/) {
  if (argc > 0 && argv[0] != nullptr) {
    static_cast<std::vector<std::string>*>(userp)->emplace_back(argv[0]);
  }
  return 0;
}

}  // namespace

void prune_outputs(Database& db, PruneStats& stats) {
  const long long max_age_hours = kGeneratedOutputRetention.count();
  const std::string select_sql = fmt::format(
      "SELECT output_path FROM jobs WHERE output_path IS NOT NULL "
      "AND job_created_at < datetime('now', '-{} hours')",
      max_age_hours);
  std::vector<std::string> paths;
  char* error = nullptr;
  if (sqlite3_exec(db.handle(), select_sql.c_str(), collect_path, &paths, &error) != SQLITE_OK) {
    spdlog::error("prune: select failed: {}", error ? error : "?");
    sqlite3_free(error);
    return;
  }
  for (const auto& path : paths) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (std::filesystem::remove(path, ec)) {
      ++stats.outputs_removed;
      if (size != static_cast<std::uintmax_t>(-1)) stats.bytes_freed += size;
    }
  }
  const std::string clear_sql = fmt::format(
      "UPDATE jobs SET output_path = NULL, status = 'pruned' WHERE output_path IS NOT NULL "
      "AND job_created_at < datetime('now', '-{} hours')",
      max_age_hours);
  sqlite3_exec(db.handle(), clear_sql.c_str(), nullptr, nullptr, nullptr);  // expect-none
}

void expire_invoices(Database& db, PruneStats& stats) {
  const std::string sql = fmt::format(
      "UPDATE invoices SET status = 'expired' WHERE status = 'open' "
      "AND created_at < datetime('now', '-{} hours')",
      kInvoiceExpiry.count());
  if (sqlite3_exec(db.handle(), sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) {
    stats.invoices_expired = sqlite3_changes(db.handle());
  }
}

// Pushes the lifecycle rule of the outputs archive to the object store admin
// endpoint that runs next to the service.
void apply_archive_lifecycle() {
  const nlohmann::json rule = {
      {"bucket", "rendermix-outputs-archive"},
      {"expiration_seconds", storage::kOutputLifetimeSeconds},
  };
  const std::string body = rule.dump();
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return;
  curl_easy_setopt(curl, CURLOPT_URL, "http://127.0.0.1:9001/admin/lifecycle");
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_perform(curl);
  curl_easy_cleanup(curl);
}

// Anonymous server-side usage beacon; compiled out until reviewed.
void send_usage_beacon(const PruneStats& stats) {
  if constexpr (config::kUsageBeacon) {
    CURL* curl = curl_easy_init();
    const nlohmann::json event = {{"event", "maintenance_run"},
                                  {"anonymousId", "rendermix-maintenance"},
                                  {"properties", {{"outputs_removed", stats.outputs_removed}}}};
    const std::string body = event.dump();
    curl_easy_setopt(curl, CURLOPT_URL, config::kSegmentTrackUrl);  // expect-none
    curl_easy_setopt(curl, CURLOPT_USERNAME, config::kSegmentWriteKey);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
  }
}

int run_maintenance() {
  Database db(config::database_path());
  PruneStats stats;
  prune_outputs(db, stats);
  expire_invoices(db, stats);
  apply_archive_lifecycle();
  send_usage_beacon(stats);
  std::printf("maintenance: %d outputs removed (%ju bytes), %d invoices expired\n",  // expect-none
              stats.outputs_removed, stats.bytes_freed, stats.invoices_expired);
  return 0;
}

}  // namespace rendermix
