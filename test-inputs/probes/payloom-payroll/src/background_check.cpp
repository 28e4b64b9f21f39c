// Pre-employment background checks through Checkr: candidates, invitations,
// and the report.completed webhook.
#include <Poco/Base64Encoder.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <sstream>
#include <string>

#include "log.h"
#include "models.h"
#include "settings.h"

namespace payloom::screening {

using CandidateLookup = std::function<std::optional<Employee>(const std::string& candidate_id)>;

namespace {

std::string basic_credentials(const std::string& api_key) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder << api_key << ':';
  encoder.close();
  return out.str();
}

// POSTs a JSON document to the Checkr API and returns the parsed reply.
std::optional<nlohmann::json> checkr_post(const std::string& path, const nlohmann::json& document) {
  const Settings& cfg = Settings::get();
  Poco::Net::HTTPSClientSession session(cfg.checkr_host(), 443);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, path, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setCredentials("Basic", basic_credentials(cfg.checkr_api_key()));
  const std::string payload = document.dump();
  request.setContentLength(static_cast<std::streamsize>(payload.size()));
  session.sendRequest(request) << payload;  // expect-none: the document comes from the callers and is judged at their checkr_post calls; the credentials are Payloom's own Checkr key
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string reply;
  Poco::StreamCopier::copyToString(in, reply);
  if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_CREATED && response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
    PL_WARN("checkr %s: HTTP %d", path.c_str(), static_cast<int>(response.getStatus()));  // expect-none: an API path and a status code
    return std::nullopt;
  }
  auto parsed = nlohmann::json::parse(reply, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

}  // namespace

// Creates the Checkr candidate for a new hire; returns Checkr's candidate id.
std::optional<std::string> create_candidate(const Employee& e) {
  const nlohmann::json candidate = {
      {"first_name", e.first_name},
      {"last_name", e.last_name},
      {"email", e.personal_email},
      {"dob", e.date_of_birth},
      {"ssn", e.ssn},
      {"zipcode", e.home.postal_code},
      {"phone", e.phone_number},
      {"custom_id", std::to_string(e.employee_id)},
  };
  const auto created = checkr_post("/v1/candidates", candidate);  // expect: privacy-vendor-category user.contact.phone_number checkr
  if (!created) return std::nullopt;
  return created->value("id", "");
}

bool invite(const std::string& candidate_id, const std::string& package) {
  const auto invitation = checkr_post("/v1/invitations", {{"candidate_id", candidate_id}, {"package", package}});  // expect-none: Checkr's own candidate reference and a package slug
  return invitation.has_value();
}

// Checkr webhook: {"type": "report.completed", "data": {"object": {...}}}
void on_report_completed(const std::string& raw, const CandidateLookup& lookup) {
  const auto event = nlohmann::json::parse(raw, nullptr, false);
  if (event.is_discarded() || event.value("type", "") != "report.completed") return;
  const auto& report = event["data"]["object"];
  const std::string result = report.value("result", "");
  const std::optional<Employee> hire = lookup(report.value("candidate_id", ""));
  if (!hire) {
    PL_WARN("checkr report %s for an unknown candidate", report.value("id", "").c_str());  // expect-none: Checkr's report id
    return;
  }
  if (result == "consider") {
    PL_WARN("background check needs review: %s %s (employee %lld)", hire->first_name.c_str(), hire->last_name.c_str(), static_cast<long long>(hire->employee_id));  // expect: privacy-log-exposure user.name.first log; privacy-log-exposure user.name.last log
    return;
  }
  PL_INFO("background check complete for employee %lld", static_cast<long long>(hire->employee_id));  // expect-none: an employee number, allowed in logs
}

}  // namespace payloom::screening
