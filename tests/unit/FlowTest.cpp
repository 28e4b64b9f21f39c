// The flow rules, one by one, on small programs against real library headers.
#include "EngineTestSupport.h"

using namespace policycheck::test;

TEST(FlowTest, DirectLogOfAClassifiedVariable) {
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
void f(const std::string& email) {
  spdlog::info("signup {}", email);
}
)"),
            (Findings{"4: privacy-log-exposure user.contact.email log"}));
}

TEST(FlowTest, AllowedCategoryInLogsIsNoFinding) {
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
void f(long user_id, bool has_email, int email_count) {
  spdlog::info("user {} {} {}", user_id, has_email, email_count);
}
)"),
            Findings{});
}

TEST(FlowTest, ThroughLocalsAndConcatenation) {
  EXPECT_EQ(findingsFor(R"(
#include <iostream>
#include <string>
struct User { std::string email; std::string plan; };
void f(const User& u) {
  std::string line = "user: ";
  line += u.email;
  std::string copy = line;
  std::cerr << copy << "\n";
  std::cerr << u.plan << "\n";
}
)"),
            (Findings{"9: privacy-log-exposure user.contact.email log"}));
}

TEST(FlowTest, HelperThatLogsItsParameterReportsAtTheCall) {
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
static void note(const std::string& text) { spdlog::warn("{}", text); }
struct User { std::string email; };
void f(const User& u) {
  note(u.email);
}
)"),
            (Findings{"6: privacy-log-exposure user.contact.email log"}));
}

TEST(FlowTest, HttplibClientBoundToAnUndeclaredHost) {
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
constexpr const char* kBase = "https://api.openai.com";
bool f(const std::string& prompt) {
  httplib::Client c(kBase);
  auto res = c.Post("/v1/moderations", prompt, "text/plain");
  return res && res->status == 200;
}
)"),
            (Findings{"6: privacy-undeclared-category user.content.private openai",
                      "6: privacy-undeclared-vendor - openai"}));
}

TEST(FlowTest, CurlRequestWithUrlFromAnEnvironmentDefault) {
  EXPECT_EQ(findingsFor(R"(
#include <curl/curl.h>
#include <cstdlib>
#include <string>
inline std::string env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::string(fallback);
  return std::string(value);
}
inline std::string posthog_url() { return env_or("PH", "https://app.posthog.com/capture"); }
void f(const std::string& email) {
  CURL* curl = curl_easy_init();
  const std::string url = posthog_url();
  const std::string body = "{\"email\":\"" + email + "\"}";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_perform(curl);
}
)"),
            (Findings{"16: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, AVariablesNameBeatsAGuessThroughAnUnseenFunction) {
  // `render` is defined in another translation unit: its result is guessed
  // to carry its arguments, unless the variable's name says what it is.
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
std::string render(const std::string& path, const std::string& steps);
std::string lookup(const std::string& key);
void f(const std::string& email, const std::string& wav) {
  std::string rendered = render(wav, email);
  spdlog::info("{}", rendered);
  std::string audio_data = render(wav, email);
  spdlog::info("{}", audio_data);
}
)"),
            (Findings{"7: privacy-log-exposure user.contact.email log",
                      "7: privacy-log-exposure user.content.audio log",
                      "9: privacy-log-exposure user.content.audio log"}));
}

TEST(FlowTest, AHelperThatLogsOneFieldTakesOnlyThatField) {
  // `log_user` logs only `v.user_id`: a caller whose object also holds an
  // email must not be reported for the email.
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
struct Visit { std::string contact; long user_id = 0; std::string note; };
static void log_user(const Visit& v) { spdlog::info("visit by {}", v.user_id); }
static void log_note(const Visit& v) { spdlog::info("note {}", v.note); }
void f(const std::string& email) {
  Visit v;
  v.contact = email;
  v.note = email;
  log_user(v);
  log_note(v);
}
)"),
            (Findings{"11: privacy-log-exposure user.contact.email log"}));
}

TEST(FlowTest, AClientClassesFieldsHoldTheirInClassAndConstructorText) {
  // A client class keeps its URL in a field: a std::string or an
  // httplib::Client with an in-class initializer, or one a constructor sets
  // (which wins over the in-class text). Every method resolves it.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <string>
struct User { std::string email; };
class Tracker {
 public:
  Tracker() : own_("https://api.example.com") {}
  void identify(const User& u) { http_.Post("/engage", u.email, "text/plain"); }
  void alias(const User& u) {
    httplib::Client c(base_);
    c.Post("/alias", u.email, "text/plain");
  }
  void save(const User& u) {
    httplib::Client c(own_);
    c.Post("/users", u.email, "text/plain");
  }
 private:
  std::string base_ = "https://app.posthog.com";
  std::string own_ = "https://app.posthog.com";
  httplib::Client http_{"https://app.posthog.com"};
};
)"),
            (Findings{"8: privacy-vendor-category user.contact.email posthog",
                      "11: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, AMethodReadsWhatTheCallersObjectWasGiven) {
  // setPayload() leaves its argument in a field; flush() and trace() send and
  // log that field: the caller's object decides what that is, so the
  // findings are at the calls on the object that holds the email, and none
  // for the object that holds a user id (which PostHog and the logs take).
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <string>
class Outbox {
 public:
  void setPayload(const std::string& text) { payload_ = text; }
  void flush() { http_.Post("/v1/events", payload_, "text/plain"); }
  void trace() const { spdlog::info("outbox {}", payload_); }
 private:
  std::string payload_;
  httplib::Client http_{"https://app.posthog.com"};
};
void signup(const std::string& email, long user_id) {
  Outbox box;
  box.setPayload(email);
  box.flush();
  Outbox ids;
  ids.setPayload(std::to_string(user_id));
  ids.flush();
  box.trace();
}
)"),
            (Findings{"17: privacy-vendor-category user.contact.email posthog",
                      "21: privacy-log-exposure user.contact.email log"}));
}

TEST(FlowTest, LookupsByKeyReadWhatTheKeyNamesEvenAsNumbers) {
  // `value("email", "")` and `at("weight_kg").get<double>()` read what their
  // keys name, into variables whose names say nothing; a count, a flag and a
  // size read the same way hold no one's data.
  EXPECT_EQ(findingsFor(R"(
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <string>
void onSignup(const std::string& text) {
  const auto body = nlohmann::json::parse(text);
  const std::string contact = body.value("email", "");
  spdlog::info("signup for {}", contact);
  const double reading = body.at("weight_kg").get<double>();
  spdlog::info("reading {}", reading);
  const int attempts = body.value("retry_count", 0);
  const bool has_email = body.contains("email");
  spdlog::info("attempts {} {} {}", attempts, has_email, body.size());
}
)",
                        R"(version: 1
service: Test
categories:
  user.contact.email: {}
  user.health_and_medical.weight:
    identifiers: [weight_kg]
)"),
            (Findings{"8: privacy-log-exposure user.contact.email log",
                      "10: privacy-log-exposure user.health_and_medical.weight log"}));
}

TEST(FlowTest, ACallThroughAnInterfaceRunsItsImplementations) {
  // `sink.send(e)` on a pure virtual method: the implementations defined in
  // this translation unit are what runs, so the flow is found at the call;
  // the one that logs the event's name and user id is no finding.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <string>
struct Event { std::string name; std::string payload; long user_id = 0; };
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void send(const Event& e) = 0;
};
class PostHogSink : public EventSink {
 public:
  void send(const Event& e) override { http_.Post("/capture", e.payload, "text/plain"); }
 private:
  httplib::Client http_{"https://app.posthog.com"};
};
class LogSink : public EventSink {
 public:
  void send(const Event& e) override { spdlog::info("{} for {}", e.name, e.user_id); }
};
void publish(EventSink& sink, const std::string& email, long user_id) {
  Event e;
  e.name = "signup";
  e.payload = email;
  e.user_id = user_id;
  sink.send(e);
}
)"),
            (Findings{"26: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, BindingsCapturesAndHashesNamedLikeData) {
  // Structured bindings are the parts they bind (line 11: the bland `x`, `y`
  // from a Position's latitude and longitude); an init-capture holds its
  // init inside the lambda (line 12); an HMAC written into `mac` is a hash
  // of the payload, not a MAC address (line 18 is no finding).
  EXPECT_EQ(findingsFor(R"(
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <spdlog/spdlog.h>
#include <functional>
#include <string>
struct Position { double latitude = 0; double longitude = 0; };
struct Rider { std::string phone_number; Position at; };
void onPing(const Rider& rider, std::function<void(std::function<void()>)> later) {
  const auto& [x, y] = rider.at;
  spdlog::info("at {} {}", x, y);
  later([to = rider.phone_number] { spdlog::warn("sms to {} failed", to); });
}
void sign(const std::string& key, const std::string& payload) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha256(), key.data(), int(key.size()), reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac, &mac_len);
  spdlog::info("signature {:02x}", mac[0]);
}
)"),
            (Findings{"11: privacy-undeclared-category user.location.precise log",
                      "12: privacy-undeclared-category user.contact.phone_number log"}));
}

TEST(FlowTest, FormattedUrlsKeepTheirHost) {
  // fmt::format builds the URL from a base constant: the host stays known;
  // a format whose first part is only known at run time is unresolved.
  EXPECT_EQ(findingsFor(R"(
#include <fmt/format.h>
#include <httplib.h>
#include <string>
constexpr const char* kBase = "https://app.posthog.com";
void send(httplib::Client& c, const std::string& email, const std::string& app_id,
          const std::string& host) {
  httplib::Client ph(fmt::format("{}/apps/{}", kBase, app_id));
  ph.Post("/users", email, "text/plain");
  httplib::Client other(fmt::format("{}/apps/{{id}}", host));
  other.Post("/users", email, "text/plain");
}
)"),
            (Findings{"9: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, AHelperThatLooksUpByItsKeyParameterReadsWhatTheCallerNames) {
  // json_get<T>(j, "latitude") looks its key up inside; the caller's literal
  // names what comes back. A position found in a string is no data.
  EXPECT_EQ(findingsFor(R"(
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <optional>
#include <string>
template <typename T>
std::optional<T> json_get(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  return it->template get<T>();
}
void onPing(const nlohmann::json& ping, const std::string& line) {
  const auto x = json_get<double>(ping, "latitude");
  const auto n = json_get<int>(ping, "retry_count");
  spdlog::info("at {} after {}", *x, *n);
  const auto pos = line.find("email");
  spdlog::info("separator at {}", pos);
}
)"),
            (Findings{"15: privacy-undeclared-category user.location.precise log"}));
}

TEST(FlowTest, AUrlPrintedIntoABufferKeepsItsHost) {
  // snprintf writes the URL into a buffer that curl is given: the host in
  // the format string (or in a `%s` argument) decides the destination.
  EXPECT_EQ(findingsFor(R"(
#include <curl/curl.h>
#include <cstdio>
#include <string>
static const char* kHost = "app.posthog.com";
void send(CURL* curl, const std::string& email, int page) {
  char url[256];
  std::snprintf(url, sizeof url, "https://%s/capture?page=%d", kHost, page);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, email.c_str());
  curl_easy_perform(curl);
}
)"),
            (Findings{"10: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, WhatAHelperWritesThroughAReferenceOrPointerIsTheCallers) {
  // `fill(out, user)` leaves the email in `out.text`; the caller posts it.
  // The helper knows neither where nor, for `note`, what.
  EXPECT_EQ(findingsFor(R"(
#include <curl/curl.h>
#include <string>
struct Body { std::string text; std::string kind; };
struct User { std::string email; int id; };
void fill(Body &out, const User &u) { out.text = "email=" + u.email; out.kind = "form"; }
void note(Body *out, const std::string &what) { out->text = what; }
void send(CURL *c, const User &user, const std::string &card_number) {
  Body a, b, c2;
  fill(a, user);
  note(&b, card_number);
  c2.text = std::to_string(user.id);
  curl_easy_setopt(c, CURLOPT_URL, "https://app.posthog.com/capture");
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, a.text.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, b.text.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, c2.text.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, a.kind.c_str());
}
)"),
            (Findings{"14: privacy-vendor-category user.contact.email posthog",
                      "15: privacy-not-collected user.financial.credit_card posthog"}));
}

TEST(FlowTest, AFieldsTextSetByOneMethodIsTheURLAnotherSendsTo) {
  // setBaseUrl stores the URL's text, send() posts to it: the destination is
  // the caller's object's, known at the caller's send().
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <string>
class Uploader {
public:
  void setBaseUrl(const std::string &url) { base_ = url; }
  void setPayload(const std::string &body) { body_ = body; }
  std::string baseUrl() const { return base_; }
  void send() const { httplib::Client c(base_); c.Post("/v1/track", body_, "text/plain"); }
private:
  std::string base_, body_;
};
void sync(const std::string &email, const std::string &event) {
  Uploader a;
  a.setBaseUrl("https://api.segment.io");
  a.setPayload(event);
  a.send();
  Uploader b;
  b.setBaseUrl("https://app.posthog.com");
  b.setPayload(email);
  b.send();
  httplib::Client again(b.baseUrl());
  again.Post("/e", email, "text/plain");
}
)"),
            (Findings{"17: privacy-undeclared-vendor - segment",
                      "21: privacy-vendor-category user.contact.email posthog",
                      "23: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, AConstructorsSinksApplyWhereTheObjectIsMade) {
  // The constructor posts what it is given: the finding is where the object
  // is made with the email, for a variable and for `new` alike.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <string>
struct Handshake {
  explicit Handshake(const std::string &who) {
    httplib::Client c("https://app.posthog.com");
    c.Post("/e", who, "text/plain");
  }
};
void login(const std::string &email, const std::string &event) {
  Handshake first(email);
  Handshake *second = new Handshake(event);
  delete second;
}
)"),
            (Findings{"11: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, NamesReservedToTheImplementationSayNothing) {
  // `errno` is `(*__errno_location ())`: no location of anyone.
  EXPECT_EQ(findingsFor(R"(
#include <cerrno>
#include <cstring>
#include <spdlog/spdlog.h>
void fail(const char *path) {
  spdlog::error("cannot open {}: {}", path, std::strerror(errno));
  spdlog::error("errno {}", errno);
}
)"),
            Findings{});
}

TEST(FlowTest, AFactoryThatForwardsToAConstructorRunsIt) {
  // std::make_unique and std::make_shared (conventions.yaml,
  // forwarding_factories) make the object where they are called.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <memory>
#include <string>
struct Upload {
  Upload(const std::string &what, int tries) {
    httplib::Client c("https://app.posthog.com");
    c.Post("/e", what, "text/plain");
  }
};
void start(const std::string &email, const std::string &event) {
  auto a = std::make_unique<Upload>(email, 3);
  auto b = std::make_shared<Upload>(event, 1);
  auto c = std::make_shared<Upload>(email, 2);
}
)"),
            (Findings{"12: privacy-vendor-category user.contact.email posthog",
                      "14: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, APolicyCodeSinkThatIsAConstructorAppliesWhereTheObjectIsMade) {
  // `code: sinks` names the request class's constructor: making a request
  // sends its body to its URL, made directly or through std::make_unique.
  std::string Policy = std::string(EngineTestPolicy) + R"(code:
  sinks:
    - function: "Request::Request"
      url_argument: 0
)";
  EXPECT_EQ(findingsFor(R"(
#include <memory>
#include <string>
struct Request {
  Request(const std::string &url, const std::string &body);
};
void send(const std::string &email, const std::string &event) {
  Request direct("https://app.posthog.com/e", email);
  auto made = std::make_unique<Request>("https://app.posthog.com/e", email);
  Request fine("https://app.posthog.com/e", event);
}
)",
                        Policy),
            (Findings{"8: privacy-vendor-category user.contact.email posthog",
                      "9: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, AMethodNoCallRunsReadsWhatTheProgramWritesIntoItsFields) {
  // flush() runs from a timer (its address is taken, no call runs it): no
  // caller says what its object holds, so its fields hold what any method
  // wrote there. The setters are called on a global, from other functions.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <string>
class Reporter {
public:
  void configure(const std::string &host) { host_ = host; }
  void remember(const std::string &body) { body_ = body; }
  void flush() { httplib::Client c(host_); c.Post("/v1/e", body_, "text/plain"); }
private:
  std::string host_, body_;
};
Reporter reporter;
void setup() { reporter.configure("https://app.posthog.com"); }
void onLogin(const std::string &email) { reporter.remember(email); }
void (Reporter::*flushOnTimer)() = &Reporter::flush;
)"),
            (Findings{"8: privacy-vendor-category user.contact.email posthog"}));
}

TEST(FlowTest, AMembersFieldsHoldWhatTheProgramWritesIntoThatMember) {
  // send() is called on a member, configured by the constructor and filled
  // by another method: what the program writes into this class's member,
  // not into every Client, is what it holds.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <string>
class Client {
public:
  void setBaseUrl(const std::string &url) { base_ = url; }
  void setPayload(const std::string &body) { body_ = body; }
  void send() const { httplib::Client c(base_); c.Post("/v1/track", body_, "text/plain"); }
private:
  std::string base_, body_;
};
class Mailer {
public:
  Mailer() { client_.setBaseUrl("https://app.posthog.com"); }
  void compose(const std::string &email) { client_.setPayload(email); }
  void deliver() { client_.send(); }
private:
  Client client_;
};
class Audit {
public:
  Audit() { client_.setBaseUrl("https://api.segment.io"); }
  void note(const std::string &what) { client_.setPayload(what); }
  void flush() { client_.send(); }
private:
  Client client_;
};
)"),
            (Findings{"16: privacy-vendor-category user.contact.email posthog",
                      "24: privacy-undeclared-vendor - segment"}));
}

TEST(FlowTest, AFieldWithTextsThatDisagreeHasNoOneDestination) {
  // Two setters write two hosts into one shared field: the destination is
  // known only at run time, never a guess at one of them; a local object,
  // made and configured here, is not shared.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <string>
class Client {
public:
  void setBaseUrl(const std::string &url) { base_ = url; }
  void setPayload(const std::string &body) { body_ = body; }
  void send() const { httplib::Client c(base_); c.Post("/v1/track", body_, "text/plain"); }
private:
  std::string base_, body_;
};
Client shared;
void useSegment() { shared.setBaseUrl("https://api.segment.io"); }
void usePosthog() { shared.setBaseUrl("https://app.posthog.com"); }
void track(const std::string &card_number) { shared.setPayload(card_number); }
void tick() { shared.send(); }
void local(const std::string &event) {
  Client c;
  c.send();
}
)"),
            (Findings{"16: privacy-not-collected user.financial.credit_card unresolved"}));
}

TEST(FlowTest, AJsonMadeFromAnObjectHoldsWhatItsToJsonWrites) {
  // nlohmann::json from an object runs the program's to_json, found as
  // argument-dependent lookup finds it: beside the type, or a hidden friend
  // (NLOHMANN_DEFINE_TYPE_INTRUSIVE). Its keys name what it writes; what it
  // leaves out is not in the JSON.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <string>
namespace app {
struct Contact { std::string primary; long id; };
void to_json(nlohmann::json &j, const Contact &c) { j = nlohmann::json{{"email", c.primary}, {"distinct_id", c.id}}; }
struct Account { std::string email; long id; };
void to_json(nlohmann::json &j, const Account &a) { j = nlohmann::json{{"distinct_id", a.id}}; }
struct Person { std::string mail; long id; NLOHMANN_DEFINE_TYPE_INTRUSIVE(Person, mail, id) };
void post(const std::string &body) { httplib::Client h("https://app.posthog.com"); h.Post("/e", body, "application/json"); }
void contact(const Contact &c) { nlohmann::json body = c; post(body.dump()); }
void account(const std::string &email, long id) { Account a{email, id}; nlohmann::json body = a; post(body.dump()); }
void nested(const Contact &c) { nlohmann::json body; body["who"] = c; post(body.dump()); }
void person(const std::string &address, long id) { Person p{address, id}; post(nlohmann::json(p).dump()); }
}
)"),
            (Findings{"12: privacy-vendor-category user.contact.email posthog",
                      "14: privacy-vendor-category user.contact.email posthog",
                      "15: privacy-vendor-category user.contact.email posthog"}));
}
