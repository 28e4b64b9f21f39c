// Each check of contract section 4, fired and not fired, on small programs.
#include "EngineTestSupport.h"

using namespace policycheck::test;

TEST(ChecksTest, StorageProtectionWantsTheHash) {
  EXPECT_EQ(findingsFor(R"(
#include <sqlite3.h>
#include <sodium.h>
#include <string>
void store(sqlite3_stmt* st, const std::string& password) {
  sqlite3_bind_text(st, 1, password.c_str(), -1, SQLITE_TRANSIENT);
  char hashed[crypto_pwhash_STRBYTES];
  crypto_pwhash_str(hashed, password.c_str(), password.size(),
                    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
  sqlite3_bind_text(st, 2, hashed, -1, SQLITE_TRANSIENT);
}
)"),
            (Findings{"6: privacy-storage-protection user.authorization.password storage"}));
}

TEST(ChecksTest, StorageNoneIsNeverPersisted) {
  EXPECT_EQ(findingsFor(R"(
#include <fstream>
#include <vector>
void keep(const std::vector<char>& audio) {
  std::ofstream out("/var/cache/upload.wav", std::ios::binary);
  out << audio.data();
}
)"),
            (Findings{"6: privacy-storage-protection user.content.audio storage"}));
}

TEST(ChecksTest, NotCollectedComesFirst) {
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
void charge(const std::string& card_number) {
  spdlog::info("charging {}", card_number);
}
)"),
            (Findings{"4: privacy-not-collected user.financial.credit_card log"}));
}

TEST(ChecksTest, VendorCategoryThroughJsonKeys) {
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <nlohmann/json.hpp>
void track(const std::string& addr, long user_id) {
  nlohmann::json event;
  event["distinct_id"] = user_id;
  event["properties"]["email"] = addr;
  httplib::Client ph("https://app.posthog.com");
  ph.Post("/capture", event.dump(), "application/json");
}
)"),
            (Findings{"9: privacy-vendor-category user.contact.email posthog"}));
}

TEST(ChecksTest, JsonInitializerListKeysClassifyTheirValues) {
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <nlohmann/json.hpp>
void track(const std::string& a, const std::string& b) {
  nlohmann::json event = {{"event", "signup"}, {"phone", a}, {"plan", b}};
  httplib::Client ph("https://app.posthog.com");
  ph.Post("/capture", event.dump(), "application/json");
}
)"),
            (Findings{"7: privacy-undeclared-category user.contact.phone_number posthog"}));
}

TEST(ChecksTest, UndeclaredVendorEvenWithoutPersonalData) {
  EXPECT_EQ(findingsFor(R"(
#include <curl/curl.h>
void ping() {
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, "https://api.segment.io/v1/track");
  curl_easy_perform(c);
}
)"),
            (Findings{"5: privacy-undeclared-vendor - segment"}));
}

TEST(ChecksTest, FirstPartyAndLoopbackAreNotVendors) {
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
void f(const std::string& email) {
  httplib::Client own("https://api.example.com");
  own.Post("/v1/users", email, "text/plain");
  httplib::Client local("http://127.0.0.1:8080");
  local.Get("/health");
  httplib::Client agent("http://localhost:9100");
  agent.Post("/report", email, "text/plain");
}
)"),
            Findings{});
}

TEST(ChecksTest, ADestinationKnownOnlyAtRunTimeStillGetsTheCategoryChecks) {
  // The host comes from the caller's argument, and no caller says it: no
  // vendor is guessed, but a card number (never collected) and a phone
  // number (not declared) are findings wherever they go; the declared email
  // is not.
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <cstdlib>
void upload(const std::string& card_number, const std::string& phone_number,
            const std::string& email) {
  httplib::Client peer(std::getenv("PEER_URL"));
  peer.Post("/a", card_number, "text/plain");
  peer.Post("/b", phone_number, "text/plain");
  peer.Post("/c", email, "text/plain");
}
)"),
            (Findings{"7: privacy-not-collected user.financial.credit_card unresolved",
                      "8: privacy-undeclared-category user.contact.phone_number unresolved"}));
}

TEST(ChecksTest, TheServicesOwnApiKeyIsNotUserData) {
  EXPECT_EQ(findingsFor(R"(
#include <curl/curl.h>
#include <string>
constexpr const char* kPosthogApiKey = "phc_123";
void f() {
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, "https://app.posthog.com/capture");
  std::string body = std::string("{\"api_key\":\"") + kPosthogApiKey + "\"}";
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_perform(c);
}
)"),
            Findings{});
}

TEST(ChecksTest, ConstantFalseConditionsAreNotReported) {
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
constexpr bool kDebugEmails = false;
void f(const std::string& email) {
  if (false) spdlog::info("{}", email);
  if constexpr (kDebugEmails) spdlog::info("{}", email);
  if (kDebugEmails) { spdlog::info("{}", email); }
}
)"),
            Findings{});
}

TEST(ChecksTest, NolintSuppresses) {
  EXPECT_EQ(findingsFor(R"(
#include <spdlog/spdlog.h>
void f(const std::string& email) {
  spdlog::info("{}", email); // NOLINT(privacy-log-exposure)
  // NOLINTNEXTLINE(privacy-*)
  spdlog::info("{}", email);
  spdlog::info("{}", email); // NOLINT(bugprone-foo)
}
)"),
            (Findings{"7: privacy-log-exposure user.contact.email log"}));
}

TEST(ChecksTest, RetentionLongerThanThePolicy) {
  EXPECT_EQ(findingsFor(R"(
#include <chrono>
constexpr auto kAudioRetention = std::chrono::hours(24 * 45);
constexpr auto kWavTtl = std::chrono::hours(24 * 30);
constexpr int kAudioRetentionDays = 31;
)"),
            (Findings{"3: privacy-retention user.content.audio -",
                      "5: privacy-retention user.content.audio -"}));
}

TEST(ChecksTest, HashedDataKeepsItsCategoryWhenSent) {
  EXPECT_EQ(findingsFor(R"(
#include <httplib.h>
#include <openssl/sha.h>
#include <string>
void f(const std::string& email) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(email.data()), email.size(), digest);
  std::string hashed(reinterpret_cast<char*>(digest), sizeof digest);
  httplib::Client ph("https://app.posthog.com");
  ph.Post("/capture", hashed, "application/octet-stream");
}
)"),
            (Findings{"10: privacy-vendor-category user.contact.email posthog"}));
}

TEST(ChecksTest, GenericSendWrapperReportsAtTheCallThatKnowsBoth) {
  EXPECT_EQ(findingsFor(R"(
#include <curl/curl.h>
#include <string>
struct User { std::string email; long id; };
constexpr const char* kPosthogUrl = "https://app.posthog.com/capture";
static void send(const std::string& url, const std::string& body) {
  CURL* c = curl_easy_init();
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_perform(c);
}
void track(const User& u) {
  send(kPosthogUrl, u.email);
  send(kPosthogUrl, std::to_string(u.id));
}
)"),
            (Findings{"13: privacy-vendor-category user.contact.email posthog"}));
}
