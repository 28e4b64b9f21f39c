#include "policycheck/HostPattern.h"

#include <gtest/gtest.h>

using namespace policycheck;

TEST(HostPatternTest, ExactMatchesOnlyItself) {
  auto P = HostPattern::parse("api.posthog.com");
  ASSERT_TRUE(P);
  EXPECT_TRUE(P->matches("api.posthog.com"));
  EXPECT_TRUE(P->matches("API.PostHog.com."));
  EXPECT_FALSE(P->matches("posthog.com"));
  EXPECT_FALSE(P->matches("eu.api.posthog.com"));
}

TEST(HostPatternTest, WildcardMatchesSubdomainsNotTheDomain) {
  auto P = HostPattern::parse("*.posthog.com");
  ASSERT_TRUE(P);
  EXPECT_TRUE(P->matches("app.posthog.com"));
  EXPECT_TRUE(P->matches("eu.i.posthog.com"));
  EXPECT_FALSE(P->matches("posthog.com"));
  EXPECT_FALSE(P->matches("evilposthog.com"));
  EXPECT_FALSE(P->matches("posthog.com.evil.net"));
}

TEST(HostPatternTest, RejectsWhatIsNotAHostPattern) {
  for (const char *Bad :
       {"https://api.stripe.com", "api.stripe.com/v1", "api.stripe.com:443",
        "*stripe.com", "api.*.com", "*.", "stripe", "-a.com", "a-.com", "",
        "a..com", "api stripe.com", "**.stripe.com"})
    EXPECT_FALSE(HostPattern::parse(Bad)) << Bad;
}

TEST(HostPatternTest, SpecificityPrefersExactThenLonger) {
  auto Exact = HostPattern::parse("a.b.com");
  auto Long = HostPattern::parse("*.b.example.com");
  auto Short = HostPattern::parse("*.example.com");
  EXPECT_GT(Exact->specificity(), Long->specificity());
  EXPECT_GT(Long->specificity(), Short->specificity());
}

TEST(HostPatternTest, Loopback) {
  EXPECT_TRUE(isLoopbackHost("localhost"));
  EXPECT_TRUE(isLoopbackHost("LOCALHOST"));
  EXPECT_TRUE(isLoopbackHost("api.localhost"));
  EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(isLoopbackHost("127.8.9.10"));
  EXPECT_TRUE(isLoopbackHost("::1"));
  EXPECT_TRUE(isLoopbackHost("[::1]"));
  EXPECT_FALSE(isLoopbackHost("127.example.com"));
  EXPECT_FALSE(isLoopbackHost("localhost.example.com"));
  EXPECT_FALSE(isLoopbackHost("10.0.0.1"));
}
