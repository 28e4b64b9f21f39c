// policycheck/annotations.h: everything a policy's code: section can say.
#include "EngineTestSupport.h"

using namespace policycheck::test;

TEST(AnnotationsTest, DataOnFieldsParametersAndResults) {
  EXPECT_EQ(findingsFor(R"(
#include <policycheck/annotations.h>
#include <spdlog/spdlog.h>
struct Account {
  std::string handle PRIVACY_DATA("user.account.username");
  std::string email_template PRIVACY_NOT_PERSONAL;
  std::string email PRIVACY_NOT_PERSONAL;
};
PRIVACY_DATA("user.device.ip_address") std::string peer(int fd);
void f(const Account& a, PRIVACY_DATA("user.contact.email") const std::string& to) {
  spdlog::info("{} {} {} {}", a.handle, a.email, peer(3), to);
}
)"),
            (Findings{"11: privacy-undeclared-category user.account.username log",
                      "11: privacy-log-exposure user.contact.email log",
                      "11: privacy-log-exposure user.device.ip_address log"}));
}

TEST(AnnotationsTest, SinksAndTransforms) {
  EXPECT_EQ(findingsFor(R"(
#include <policycheck/annotations.h>
#include <string>
PRIVACY_SINK_VENDOR_ARGS("posthog", "1") void track(const char* event, const std::string& props);
PRIVACY_SINK_STORAGE void cache_put(const std::string& key, const std::string& value);
PRIVACY_SINK_URL(0) void post(const std::string& url, const std::string& body);
PRIVACY_TRANSFORM_HASHED std::string digest(const std::string& in);
void f(const std::string& email, const std::string& password) {
  track(email.c_str(), "{}");
  track("signup", email);
  cache_put("pw", password);
  cache_put("pw", digest(password));
  post("https://api.resend.com/emails", email);
  post("https://app.posthog.com/capture", email);
}
)"),
            (Findings{"10: privacy-vendor-category user.contact.email posthog",
                      "11: privacy-storage-protection user.authorization.password storage",
                      "14: privacy-vendor-category user.contact.email posthog"}));
}

TEST(AnnotationsTest, RetentionConstant) {
  EXPECT_EQ(findingsFor(R"(
#include <policycheck/annotations.h>
#include <chrono>
PRIVACY_RETENTION("user.content.audio") constexpr auto kUploadsKeptFor = std::chrono::hours(24 * 40);
)"),
            (Findings{"4: privacy-retention user.content.audio -"}));
}

TEST(AnnotationsTest, UnknownCategoryIsAnErrorNotAGuess) {
  EXPECT_EQ(findingsFor(R"(
#include <policycheck/annotations.h>
#include <string>
struct S { std::string x PRIVACY_DATA("user.contact.emial"); };
PRIVACY_SINK_VENDOR("segmnt") void send(const std::string&);
void f(const S& s) { send(s.x); }
)"),
            (Findings{"4: error: privacy annotation 'data:user.contact.emial': "
                      "'user.contact.emial' is neither declared in the policy's "
                      "'categories' nor in the taxonomy",
                      "5: error: privacy annotation 'sink:vendor=segmnt': 'segmnt' "
                      "is not a vendor the policy declares"}));
}
