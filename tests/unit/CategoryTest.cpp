#include "policycheck/Category.h"

#include <gtest/gtest.h>

using namespace policycheck;

TEST(CategoryTest, ValidKeys) {
  EXPECT_TRUE(isValidCategoryKey("user"));
  EXPECT_TRUE(isValidCategoryKey("user.contact.email"));
  EXPECT_TRUE(isValidCategoryKey("system.operations"));
  EXPECT_TRUE(isValidCategoryKey("user.content.audio_2"));
}

TEST(CategoryTest, InvalidKeys) {
  EXPECT_FALSE(isValidCategoryKey(""));
  EXPECT_FALSE(isValidCategoryKey("User.contact"));
  EXPECT_FALSE(isValidCategoryKey("usr.contact"));
  EXPECT_FALSE(isValidCategoryKey("user..email"));
  EXPECT_FALSE(isValidCategoryKey("user.contact."));
  EXPECT_FALSE(isValidCategoryKey("user.contact-email"));
}

TEST(CategoryTest, CoversItselfAndDescendantsOnly) {
  EXPECT_TRUE(categoryCovers("user.contact", "user.contact"));
  EXPECT_TRUE(categoryCovers("user.contact", "user.contact.email"));
  EXPECT_TRUE(categoryCovers("user", "user.contact.address.city"));
  EXPECT_FALSE(categoryCovers("user.contact", "user.contactless"));
  EXPECT_FALSE(categoryCovers("user.contact.email", "user.contact"));
  EXPECT_FALSE(categoryCovers("user.contact", "system.contact"));
}

TEST(CategoryTest, Parent) {
  EXPECT_EQ(parentCategory("user.contact.email"), "user.contact");
  EXPECT_EQ(parentCategory("user"), "");
}
