// EventSink for Mixpanel, which the policy does not declare. An undeclared
// vendor is a fact about the destination alone, and this function is the
// innermost one that knows the host (it also adds the account id itself): the
// finding is here, once, at the call that hands curl the URL, not at every
// caller of the interface.
#include "event_sink.h"

#include <curl/curl.h>

namespace tb {

namespace {

class MixpanelSink final : public EventSink {
 public:
  void send(const Event& e) override {
    nlohmann::json props = e.properties;
    props["token"] = "MIXPANEL_PROJECT_TOKEN";
    props["distinct_id"] = e.account;
    const std::string batch = nlohmann::json::array({{{"event", e.name}, {"properties", props}}}).dump();
    CURL* handle = curl_easy_init();
    if (handle == nullptr) return;
    curl_easy_setopt(handle, CURLOPT_URL, "https://api.mixpanel.com/track");  // expect: privacy-undeclared-vendor - mixpanel
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, batch.c_str());  // expect-none
    curl_easy_perform(handle);
    curl_easy_cleanup(handle);
  }
};

}  // namespace

std::unique_ptr<EventSink> make_mixpanel_sink() { return std::make_unique<MixpanelSink>(); }

}  // namespace tb
