// Runs on the timer: posts the batch to the endpoint. No call in the program
// runs it, so its fields hold what the program writes into them (app.cpp,
// through the setters of telemetry_config.cpp): the email, to PostHog.
#include "telemetry.h"

#include <httplib.h>

namespace tb {

void Telemetry::onTimer() {
  httplib::Client client(endpoint_);
  client.Post("/batch/", batch_, "application/json");  // expect: privacy-vendor-category user.contact.email posthog
}

}  // namespace tb
