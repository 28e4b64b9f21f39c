#include "policycheck/DidYouMean.h"
#include "policycheck/Taxonomy.h"

#include "PolicyTestSupport.h"

#include <gtest/gtest.h>

using namespace policycheck;
using namespace policycheck::test;

TEST(DidYouMeanTest, TypoDistanceCountsSwapsOnce) {
  EXPECT_EQ(typoDistance("emial", "email"), 1u);
  EXPECT_EQ(typoDistance("retension", "retention"), 1u);
  EXPECT_EQ(typoDistance("Vendors", "vendors"), 0u);
  EXPECT_EQ(typoDistance("", "abc"), 3u);
}

TEST(DidYouMeanTest, ClosestMatch) {
  const llvm::StringRef Keys[] = {"version", "service", "vendors", "categories"};
  EXPECT_EQ(closestMatch("vendor", Keys), "vendors");
  EXPECT_EQ(closestMatch("catgories", Keys), "categories");
  EXPECT_EQ(closestMatch("region", Keys), "");
}

TEST(DidYouMeanTest, SuggestCategory) {
  std::vector<llvm::StringRef> Keys = Taxonomy::builtin().keys();
  EXPECT_EQ(suggestCategory("user.ip_address", Keys), "user.device.ip_address");
  EXPECT_EQ(suggestCategory("user.device.ip", Keys), "user.device.ip_address");
  EXPECT_EQ(suggestCategory("user.behaviour", Keys), "user.behavior");
  EXPECT_EQ(suggestCategory("user.financial.creditcard", Keys),
            "user.financial.credit_card");
}

TEST(DidYouMeanTest, SiblingTypoOnlyForSlips) {
  std::vector<llvm::StringRef> Keys = Taxonomy::builtin().keys();
  EXPECT_EQ(siblingTypo("user.contact.emial", Keys), "user.contact.email");
  EXPECT_EQ(siblingTypo("user.content.audio", Keys), "");
  EXPECT_EQ(siblingTypo("user.device.gpu", Keys), "");
  EXPECT_EQ(siblingTypo("user.contact.fax", Keys), "");
  EXPECT_EQ(siblingTypo("user.contact.email.work", Keys), "");
}

TEST(DidYouMeanTest, CustomCategoriesWithoutIdentifiersAreAccepted) {
  // The contract's own example: a custom key found only through code models.
  auto P = parseOrFail("version: 1\nservice: S\ncategories:\n"
                       "  user.content.audio: {storage: none}\n"
                       "  user.device.gpu: {}\n");
  ASSERT_TRUE(P);
  EXPECT_FALSE(P->taxonomy().find("user.content.audio")->BuiltIn);
}
