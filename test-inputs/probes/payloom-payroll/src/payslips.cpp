// Payslip notices and company-news list membership through Mailgun, and the
// plain-text payslip archive the PDF renderer reads.
#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "log.h"
#include "models.h"
#include "settings.h"

namespace payloom::mail {

namespace {

template <typename Fields>
std::string form_encode(CURL* curl, const Fields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    char* escaped = curl_easy_escape(curl, value.c_str(), static_cast<int>(value.size()));
    out += (out.empty() ? "" : "&") + name + "=" + escaped;
    curl_free(escaped);
  }
  return out;
}

std::map<std::string, std::string> employee_attributes(const Employee& e) {
  return {{"first_name", e.first_name}, {"last_name", e.last_name}, {"job_title", e.job_title}};
}

}  // namespace

class Mailer {
 public:
  Mailer() : curl_(curl_easy_init()) {}
  ~Mailer() { curl_easy_cleanup(curl_); }

  // "Your May 2026 payslip is ready": a link to the portal, no amounts.
  bool payslip_ready(const Employee& e, const PayStub& stub) {
    std::map<std::string, std::string> form{{"from", "Payloom Payroll <payroll@mg.payloom.io>"}, {"to", e.personal_email}, {"subject", fmt::format("Your {} payslip is ready", stub.period)}, {"template", "payslip-ready"}};
    form["h:X-Mailgun-Variables"] = nlohmann::json{{"first_name", e.first_name}, {"portal_url", "https://app.payloom.io/payslips/" + stub.period}}.dump();
    return post(messages_url(), form_encode(curl_, form));  // expect-none: email and first name to Mailgun, which receives both
  }

  // Contractors asked for the amounts in the email itself.
  bool payslip_summary(const Employee& e, const PayStub& stub) {
    std::map<std::string, std::string> form{{"from", "Payloom Payroll <payroll@mg.payloom.io>"}, {"to", e.personal_email}, {"subject", fmt::format("Payslip {}", stub.period)}, {"template", "payslip-summary"}};
    const nlohmann::json vars = {{"first_name", e.first_name}, {"period", stub.period}, {"gross_pay", fmt::format("{:.2f}", stub.gross_pay)}, {"net_pay", fmt::format("{:.2f}", stub.net_pay)}};
    form["h:X-Mailgun-Variables"] = vars.dump();
    return post(messages_url(), form_encode(curl_, form));  // expect: privacy-vendor-category user.financial.salary mailgun
  }

  bool subscribe_to_company_news(const Employee& e, const std::string& list) {
    const auto attrs = employee_attributes(e);
    const std::map<std::string, std::string> form{{"address", e.work_email}, {"name", attrs.at("first_name") + " " + attrs.at("last_name")}, {"vars", nlohmann::json(attrs).dump()}, {"upsert", "yes"}};
    return post(fmt::format("{}/lists/{}/members", Settings::get().mailgun_base(), list), form_encode(curl_, form));  // expect: privacy-vendor-category user.job_title mailgun
  }

 private:
  static std::string messages_url() {
    const Settings& cfg = Settings::get();
    return cfg.mailgun_base() + "/" + cfg.mailgun_domain() + "/messages";
  }

  bool post(const std::string& url, const std::string& body) {
    const std::string credentials = "api:" + Settings::get().mailgun_api_key();
    curl_easy_reset(curl_);
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_USERPWD, credentials.c_str());  // expect-none: Payloom's own Mailgun API key
    curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.c_str());  // expect-none: generic helper; the body is judged at each post() call
    curl_easy_setopt(curl_, CURLOPT_TIMEOUT, 15L);
    const CURLcode rc = curl_easy_perform(curl_);
    if (rc != CURLE_OK) {
      PL_WARN("mailgun POST failed: %s", curl_easy_strerror(rc));  // expect-none: curl's error text
      return false;
    }
    long status = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &status);
    return status == 200;
  }

  CURL* curl_;
};

// One text file per payslip; the renderer turns it into the PDF the portal
// serves and deletes it.
void archive_payslip(const std::filesystem::path& dir, const Employee& e, const PayStub& stub) {
  std::ofstream out(dir / fmt::format("{}-{}.txt", e.employee_id, stub.period), std::ios::trunc);
  if (!out) {
    PL_ERROR("cannot write payslip for employee %lld", static_cast<long long>(e.employee_id));  // expect-none: an employee number
    return;
  }
  out << "Employee: " << e.first_name << ' ' << e.last_name << " (#" << e.employee_id << ")\n";  // expect-none: names and the employee number: declared, no storage rule
  out << "SSN: " << e.ssn << '\n';  // expect: privacy-storage-protection user.government_id.national_identification_number storage
  out << fmt::format("Gross: {:.2f}  Net: {:.2f}\n", stub.gross_pay, stub.net_pay);  // expect-none: pay amounts are declared and have no storage rule
}

void notify_run(Mailer& mailer, const std::vector<std::pair<Employee, PayStub>>& slips) {
  size_t sent = 0;
  for (const auto& [employee, stub] : slips) {
    if (mailer.payslip_ready(employee, stub)) ++sent;
  }
  PL_INFO("payslip notices: %zu of %zu sent", sent, slips.size());  // expect-none: counts
}

}  // namespace payloom::mail
