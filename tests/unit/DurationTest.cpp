#include "policycheck/Duration.h"

#include <gtest/gtest.h>

using namespace policycheck;

TEST(DurationTest, Units) {
  EXPECT_EQ(Duration::parse("60min")->Seconds, 3600u);
  EXPECT_EQ(Duration::parse("24h")->Seconds, 86400u);
  EXPECT_EQ(Duration::parse("30d")->Seconds, 30u * 86400);
  EXPECT_EQ(Duration::parse("2w")->Seconds, 14u * 86400);
  EXPECT_EQ(Duration::parse("18mo")->Seconds, 18u * 30 * 86400);
  EXPECT_EQ(Duration::parse("5y")->Seconds, 5u * 365 * 86400);
}

TEST(DurationTest, Words) {
  EXPECT_EQ(Duration::parse("account")->DurationKind,
            Duration::Kind::WhileAccountExists);
  EXPECT_EQ(Duration::parse("indefinite")->DurationKind,
            Duration::Kind::Indefinite);
  EXPECT_FALSE(Duration::parse("account")->isFinite());
}

TEST(DurationTest, Rejects) {
  for (const char *Bad : {"", "30", "d", "30 d", "30days", "0d", "030d", "-1d",
                          "1.5h", "30D", "forever", "1m"})
    EXPECT_FALSE(Duration::parse(Bad)) << Bad;
}

TEST(DurationTest, Describe) {
  EXPECT_EQ(Duration::parse("30d")->describe(), "30 days");
  EXPECT_EQ(Duration::parse("1y")->describe(), "1 year");
  EXPECT_EQ(Duration::parse("60min")->describe(), "60 minutes");
  EXPECT_EQ(Duration::parse("account")->describe(), "while the account exists");
}
