//===--- CookiesTest.cpp - privacy-cookie on real library headers --------===//
//
// Set-Cookie headers through cpp-httplib, Boost.Beast, Poco::Net and Qt,
// built from literals, concatenation and formatting; Poco's and Qt's cookie
// objects with their setters; and the reading of the header's text.
//
//===----------------------------------------------------------------------===//
#include "EngineTestSupport.h"

#include "policycheck/Cookies.h"

using namespace policycheck;
using namespace policycheck::test;

namespace {

const char *CookiePolicy = R"(version: 1
service: Test
categories:
  user.authorization.credentials: {retention: 24h}
cookies:
  session: {purpose: essential, secure: true, http_only: true, same_site: strict}
  csrf: {purpose: essential, secure: true, same_site: lax}
  "ph_*": {purpose: analytics}
)";

} // namespace

TEST(CookiesTest, HeaderTextIsRead) {
  SetCookie C = parseSetCookie("session={?}; Secure; HttpOnly; SameSite=Strict; Max-Age=3600");
  EXPECT_EQ(C.Name, "session");
  EXPECT_TRUE(C.AttributesKnown);
  EXPECT_TRUE(C.Secure);
  EXPECT_TRUE(C.HttpOnly);
  EXPECT_EQ(C.SameSiteValue, SameSite::Strict);
  EXPECT_EQ(C.MaxAgeSeconds, 3600u);

  SetCookie Lax = parseSetCookie("csrf=abc");
  EXPECT_EQ(Lax.effectiveSameSite(), SameSite::Lax); // unset reads as lax
  EXPECT_FALSE(Lax.Secure);

  // A run-time name, and run-time attributes after the value.
  EXPECT_EQ(parseSetCookie("{?}=1; Secure").Name, "");
  EXPECT_FALSE(parseSetCookie("session={?}{?}").AttributesKnown);
  EXPECT_FALSE(parseSetCookie("session=1; {?}").AttributesKnown);
  EXPECT_TRUE(parseSetCookie("session={?}").AttributesKnown);
  // A run-time value of a known attribute hides nothing else.
  SetCookie Aged = parseSetCookie("session={?}; Max-Age={?}; Secure; SameSite=None");
  EXPECT_TRUE(Aged.AttributesKnown);
  EXPECT_EQ(Aged.SameSiteValue, SameSite::None);
  EXPECT_FALSE(Aged.MaxAgeSeconds);
  EXPECT_FALSE(parseSetCookie("session=1; SameSite={?}").AttributesKnown);
  EXPECT_FALSE(parseSetCookie("session=1; Secure={?}").AttributesKnown); // setSecure(flag)
  // Clearing a cookie sets nothing.
  EXPECT_TRUE(parseSetCookie("ph_id=; Max-Age=0; Path=/").Deletes);
  EXPECT_FALSE(parseSetCookie("ph_id=1; Max-Age=60").Deletes);
}

TEST(CookiesTest, SettersEditTheText) {
  EXPECT_EQ(withCookieAttribute("=", "name", true, "session"), "session=");
  EXPECT_EQ(withCookieAttribute("session=", "value", true, "{?}"), "session={?}");
  EXPECT_EQ(withCookieAttribute("session=1", "Secure", true), "session=1; Secure");
  EXPECT_EQ(withCookieAttribute("session=1; Secure; HttpOnly", "Secure", false),
            "session=1; HttpOnly");
  EXPECT_EQ(withCookieAttribute("session=1; SameSite=Lax", "SameSite", true, "Strict"),
            "session=1; SameSite=Strict");
}

TEST(CookiesTest, HttplibHeadersFromLiteralsConcatenationAndFormatting) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <httplib.h>
#include <fmt/format.h>
#include <string>
void handler(httplib::Response& res, const std::string& session_token, const std::string& name) {
  res.set_header("Set-Cookie", "session=" + session_token + "; Secure; HttpOnly; SameSite=Strict; Max-Age=3600");
  res.set_header("Set-Cookie", "session=" + session_token + "; HttpOnly; SameSite=Strict");
  res.set_header("Set-Cookie", fmt::format("csrf={}; Secure", session_token));
  res.set_header("set-cookie", "csrf=x; Secure; SameSite=None");
  res.set_header("Set-Cookie", "theme=dark");
  res.set_header("Set-Cookie", "ph_abc=1");
  res.set_header("Set-Cookie", name + "=1; Secure");
  res.set_header("X-Session", "session=abc");
  res.set_header("Set-Cookie", "session=" + session_token + "; Secure; HttpOnly; SameSite=Strict; Max-Age=2592000");
  res.set_header("Set-Cookie", "session=" + session_token + name);
}
)cpp",
                        CookiePolicy),
            (Findings{"7: privacy-cookie - cookie:session",
                      "9: privacy-cookie - cookie:csrf",
                      "10: privacy-cookie - cookie:theme",
                      "14: privacy-retention user.authorization.credentials cookie:session"}));
}

TEST(CookiesTest, BeastFieldsAndPocoHeaders) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <boost/beast/http.hpp>
#include <Poco/Net/HTTPServerResponse.h>
namespace http = boost::beast::http;
void beast(http::response<http::string_body>& res) {
  res.set(http::field::set_cookie, "session=abc; Secure; HttpOnly");
  res.set(http::field::set_cookie, "session=abc; Secure; HttpOnly; SameSite=Strict");
  res.insert("Set-Cookie", "csrf=1");
  res.set(http::field::cache_control, "session=abc");
}
void poco(Poco::Net::HTTPServerResponse& res) {
  res.set("Set-Cookie", "csrf=1; Secure");
  res.add("Set-Cookie", "prefs=1");
}
)cpp",
                        CookiePolicy),
            (Findings{"6: privacy-cookie - cookie:session",
                      "8: privacy-cookie - cookie:csrf",
                      "13: privacy-cookie - cookie:prefs"}));
}

TEST(CookiesTest, PocoCookieObjectsAndTheirSetters) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <string>
using Poco::Net::HTTPCookie;
void f(Poco::Net::HTTPServerResponse& res, const std::string& session_token) {
  HTTPCookie good("session", session_token);
  good.setSecure(true);
  good.setHttpOnly();
  good.setSameSite(HTTPCookie::SAME_SITE_STRICT);
  res.addCookie(good);
  HTTPCookie weak("session", session_token);
  weak.setHttpOnly(true);
  weak.setSecure(false);
  res.addCookie(weak);
  HTTPCookie named;
  named.setName("prefs");
  res.addCookie(named);
  HTTPCookie kept("session", session_token);
  kept.setSecure(true);
  kept.setHttpOnly(true);
  kept.setSameSite(HTTPCookie::SAME_SITE_STRICT);
  kept.setMaxAge(7 * 24 * 3600);
  res.addCookie(kept);
}
void flagged(Poco::Net::HTTPServerResponse& res, bool https) {
  HTTPCookie c("session", "1");
  c.setSecure(https);
  c.setHttpOnly(true);
  c.setSameSite(HTTPCookie::SAME_SITE_STRICT);
  res.addCookie(c);
}
)cpp",
                        CookiePolicy),
            (Findings{"15: privacy-cookie - cookie:session",
                      "18: privacy-cookie - cookie:prefs",
                      "24: privacy-retention user.authorization.credentials cookie:session"}));
}

TEST(CookiesTest, QtCookiesInAJarAndRawHeaders) {
  // Qt 5's QNetworkCookie has no SameSite: a session cookie that must be
  // strict cannot be, and says so.
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtNetwork/QNetworkCookie>
#include <QtNetwork/QNetworkCookieJar>
#include <QtNetwork/QNetworkRequest>
void f(QNetworkCookieJar& jar, QNetworkRequest& req) {
  QNetworkCookie c("session", "v");
  c.setSecure(true);
  c.setHttpOnly(true);
  jar.insertCookie(c);
  QNetworkCookie ph("ph_1", "v");
  jar.insertCookie(ph);
  req.setRawHeader("Set-Cookie", "ph_x=1");
  req.setRawHeader("Set-Cookie", "tracking=1");
}
)cpp",
                        CookiePolicy, qtArgs()),
            (Findings{"9: privacy-cookie - cookie:session",
                      "13: privacy-cookie - cookie:tracking"}));
}
