#include "policycheck/IdentifierWords.h"

#include <gtest/gtest.h>

using namespace policycheck;
using Words = std::vector<std::string>;

TEST(IdentifierWordsTest, Conventions) {
  EXPECT_EQ(splitIdentifierWords("user_email"), (Words{"user", "email"}));
  EXPECT_EQ(splitIdentifierWords("userEmailAddress"),
            (Words{"user", "email", "address"}));
  EXPECT_EQ(splitIdentifierWords("UserEmail"), (Words{"user", "email"}));
  EXPECT_EQ(splitIdentifierWords("USER_EMAIL"), (Words{"user", "email"}));
  EXPECT_EQ(splitIdentifierWords("email_"), (Words{"email"}));
  EXPECT_EQ(splitIdentifierWords("x-forwarded-for"),
            (Words{"x", "forwarded", "for"}));
}

TEST(IdentifierWordsTest, PrefixesAreDropped) {
  EXPECT_EQ(splitIdentifierWords("m_email"), (Words{"email"}));
  EXPECT_EQ(splitIdentifierWords("m_userEmail"), (Words{"user", "email"}));
  EXPECT_EQ(splitIdentifierWords("kEmailRegex"), (Words{"email", "regex"}));
  EXPECT_EQ(splitIdentifierWords("key"), (Words{"key"}));
  EXPECT_EQ(splitIdentifierWords("s_instance"), (Words{"instance"}));
}

TEST(IdentifierWordsTest, AcronymsAndDigits) {
  EXPECT_EQ(splitIdentifierWords("HTTPServer"), (Words{"http", "server"}));
  EXPECT_EQ(splitIdentifierWords("clientIPAddress"),
            (Words{"client", "ip", "address"}));
  EXPECT_EQ(splitIdentifierWords("email_sha256"), (Words{"email", "sha256"}));
  EXPECT_EQ(splitIdentifierWords("ipv4"), (Words{"ipv4"}));
  EXPECT_EQ(splitIdentifierWords("addressLine2"), (Words{"address", "line2"}));
}

TEST(IdentifierWordsTest, QualifiedSqlColumn) {
  EXPECT_EQ(splitIdentifierWords("u.email"), (Words{"email"}));
  EXPECT_EQ(splitIdentifierWords("$os"), (Words{"os"}));
}
