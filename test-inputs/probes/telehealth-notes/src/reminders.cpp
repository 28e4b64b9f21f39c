// Appointment reminders by SMS (Twilio Programmable Messaging) and the
// scheduler's usage events (PostHog).
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "models.h"
#include "net.h"

namespace carenote::reminders {

namespace {

const std::string kTwilioApi = "https://api.twilio.com/2010-04-01";
const std::string kPosthogCapture = "https://us.i.posthog.com/capture/";
const std::string kStatusCallback = "https://hooks.carenote.health/twilio/status";

struct TwilioAccount {
  std::string sid;
  std::string auth_token;
  std::string from_number;
};

TwilioAccount twilio_account() {
  auto get = [](const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return std::string(value != nullptr ? value : fallback);
  };
  return {get("TWILIO_ACCOUNT_SID", ""), get("TWILIO_AUTH_TOKEN", ""), get("TWILIO_FROM_NUMBER", "+15005550006")};
}

std::string messages_url(const TwilioAccount& account) { return kTwilioApi + "/Accounts/" + account.sid + "/Messages.json"; }

void capture(const std::string& event, const nlohmann::json& properties) {
  const char* key = std::getenv("POSTHOG_PROJECT_KEY");
  nlohmann::json body = {{"api_key", key != nullptr ? key : ""}, {"event", event}, {"distinct_id", "carenote-scheduler"}, {"properties", properties}};
  net::post_json(kPosthogCapture, body.dump());  // expect-none: own project key and a literal distinct_id; properties are judged at each capture() call
}

}  // namespace

bool send_reminder(const Patient& patient, const Appointment& appointment) {
  const TwilioAccount account = twilio_account();
  const std::string text = "Reminder: your appointment at " + appointment.practice + " is on " + appointment.starts_at_local + ". Reply C to confirm.";
  const net::Form form = {{"To", patient.phone_number}, {"From", account.from_number}, {"Body", text}, {"StatusCallback", kStatusCallback}};
  const net::Response res = net::post_form(messages_url(account), form, account.sid + ":" + account.auth_token);  // expect-none: the phone number (Twilio receives it), a text with the time and the practice, and CareNote's own Twilio credentials
  if (!res.ok()) {
    std::cerr << "twilio: reminder to " << patient.phone_number << " rejected with HTTP " << res.status << std::endl;  // expect: privacy-log-exposure user.contact.phone_number log
  }
  return res.ok();
}

// Same-day reminders were made "friendlier" by the growth experiment of March.
bool send_same_day_reminder(const Patient& patient, const Appointment& appointment) {
  const TwilioAccount account = twilio_account();
  std::string greeting = "Hi " + patient.first_name + ", ";
  greeting += "see you today at " + appointment.starts_at_local + " (" + appointment.practice + ").";
  net::Form form;
  form.emplace_back("To", patient.phone_number);
  form.emplace_back("From", account.from_number);
  form.emplace_back("Body", greeting);
  const net::Response res = net::post_form(messages_url(account), form, account.sid + ":" + account.auth_token);  // expect: privacy-vendor-category user.name.first twilio
  return res.ok();
}

int send_batch(const std::vector<std::pair<Patient, Appointment>>& due) {
  int sent = 0;
  for (const auto& [patient, appointment] : due) {
    if (send_reminder(patient, appointment)) ++sent;
  }
  std::fprintf(stderr, "reminders: %d of %zu sent\n", sent, due.size());  // expect-none: counts only
  capture("reminder_batch_sent", {{"sent", sent}, {"due", due.size()}});  // expect-none: counts only, to PostHog
  return sent;
}

void reminder_confirmed(const Appointment& appointment) {
  const int64_t patient_id = appointment.patient_id;
  capture("reminder_confirmed", {{"patient_id", patient_id}, {"channel", "sms"}});  // expect: privacy-vendor-category user.unique_id posthog
  spdlog::info("appointment {} confirmed by patient {}", appointment.appointment_id, patient_id);  // expect-none: record numbers, which the logs may hold
}

}  // namespace carenote::reminders
