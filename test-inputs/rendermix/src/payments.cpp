// Crypto payments: one Monero subaddress per invoice, derived by the local
// monero-wallet-rpc; payments are confirmed by polling incoming transfers.
#include <optional>
#include <string>

#include <curl/curl.h>
#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "config.h"
#include "services.h"

namespace rendermix {

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t nmemb, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * nmemb);
  return size * nmemb;
}

// JSON-RPC 2.0 call to the wallet on the loopback interface.
std::optional<nlohmann::json> wallet_call(const std::string& method, const nlohmann::json& params) {
  const nlohmann::json request = {
      {"jsonrpc", "2.0"}, {"id", "0"}, {"method", method}, {"params", params}};
  const std::string body = request.dump();
  std::string response;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return std::nullopt;
  const std::string url = config::wallet_rpc_url();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return std::nullopt;
  auto reply = nlohmann::json::parse(response, nullptr, false);
  if (reply.is_discarded() || reply.contains("error")) return std::nullopt;
  return reply["result"];
}

}  // namespace

struct InvoiceOffer {
  int64_t invoice_id = 0;
  std::string deposit_address;
  double amount_xmr = 0.0;
};

// Creates an invoice for a credit pack and derives its deposit address.
std::optional<InvoiceOffer> open_invoice(InvoiceRepository& invoices, AuditLog& audit,
                                         const User& user, double amount_xmr,
                                         const std::string& client_ip) {
  // The label lets the wallet operator match a subaddress to its account.
  const std::string label = fmt::format("rendermix-user-{}", user.id);
  const auto result = wallet_call("create_address", {{"account_index", config::kWalletAccountIndex}, {"label", label}});  // expect-none
  if (!result) {
    spdlog::error("wallet rpc unavailable, cannot open invoice for user {}", user.id);
    return std::nullopt;
  }
  InvoiceOffer offer;
  offer.deposit_address = (*result)["address"].get<std::string>();
  offer.amount_xmr = amount_xmr;
  offer.invoice_id = invoices.create(user.id, offer.deposit_address, amount_xmr);

  AuditEvent audit_event;
  audit_event.user_id = user.id;
  audit_event.event = "invoice_opened";
  audit_event.ip_address = client_ip;
  audit_event.detail = fmt::format("invoice={} amount={:.4f}", offer.invoice_id, amount_xmr);
  audit.record(audit_event);
  return offer;
}

// Called by the payment poller for every incoming transfer the wallet reports.
void settle_invoice(InvoiceRepository& invoices, AuditLog& audit, const Invoice& invoice,
                    const std::string& tx_hash, uint64_t confirmations) {
  if (confirmations < 10) return;
  invoices.mark_paid(invoice.id, tx_hash);
  spdlog::info("invoice {} paid by tx {} ({} confirmations)", invoice.id, tx_hash, confirmations);  // expect: privacy-log-exposure user.financial.crypto_transaction log

  AuditEvent audit_event;
  audit_event.user_id = invoice.user_id;
  audit_event.event = "invoice_paid";
  audit_event.detail = fmt::format("invoice={}", invoice.id);
  audit.record(audit_event);
}

// Large payments need an identity review before credits are released.
bool submit_identity_review(InvoiceRepository& invoices, const Invoice& invoice,
                            const nlohmann::json& form) {
  if (invoice.amount_xmr < config::kKycThresholdXmr) return true;
  KycRecord record;
  record.invoice_id = invoice.id;
  record.full_name = form.value("full_name", "");
  record.passport_number = form.value("passport_number", "");
  if (record.full_name.empty() || record.passport_number.size() < 6) return false;
  invoices.save_kyc(record);
  spdlog::info("identity review submitted for invoice {}", invoice.id);  // expect-none
  return true;
}

// Periodic check used by the readiness probe.
bool wallet_healthy() {
  const auto height = wallet_call("get_height", nlohmann::json::object());  // expect-none
  return height.has_value() && height->value("height", 0) > 0;
}

}  // namespace rendermix
