// Posts bodies that helpers in body.cpp filled. The caller knows where (its
// own curl handle and URL) and learns what only from the out parameter's
// summary: the finding is at the curl_easy_setopt that hands over the body.
#include "body.h"

#include <curl/curl.h>

namespace tb::sync {

namespace {

void post_to(const char* url, const Body& b);

}  // namespace

void identify(const User& user) {
  Body out;
  fill_body(out, user);
  CURL* c = curl_easy_init();
  if (c == nullptr) return;
  curl_easy_setopt(c, CURLOPT_URL, "https://us.i.posthog.com/capture/");  // expect-none
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, out.text.c_str());  // expect: privacy-vendor-category user.contact.email posthog; privacy-vendor-category user.device.ip_address posthog
  curl_easy_perform(c);
  curl_easy_cleanup(c);
}

void heartbeat(const User& user) {
  Body out;
  fill_ping(out, user, "heartbeat");
  CURL* c = curl_easy_init();
  if (c == nullptr) return;
  curl_easy_setopt(c, CURLOPT_URL, "https://us.i.posthog.com/capture/");  // expect-none
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, out.text.c_str());  // expect-none
  curl_easy_perform(c);
  curl_easy_cleanup(c);
}

void welcome(const User& user) {
  Body form;
  fill_mail(&form, user);
  post_to("https://api.mailgun.net/v3/mg.tallybird.app/messages", form);  // expect-none
  Body copy;
  fill_body(copy, user);
  // Mailgun receives the email, not the IP address and the account id
  // (`distinct_id`) fill_body adds.
  post_to("https://api.mailgun.net/v3/mg.tallybird.app/messages", copy);  // expect: privacy-vendor-category user.device.ip_address mailgun; privacy-vendor-category user.unique_id mailgun; privacy-vendor-category user.unique_id.pseudonymous mailgun
}

namespace {

// A local wrapper: knows neither what nor where; its callers above do.
void post_to(const char* url, const Body& b) {
  CURL* c = curl_easy_init();
  if (c == nullptr) return;
  const std::string header = "Content-Type: " + b.content_type;
  curl_slist* headers = curl_slist_append(nullptr, header.c_str());
  curl_easy_setopt(c, CURLOPT_URL, url);  // expect-none
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, b.text.c_str());  // expect-none
  curl_easy_perform(c);
  curl_slist_free_all(headers);
  curl_easy_cleanup(c);
}

}  // namespace

}  // namespace tb::sync
