#include "policycheck/Category.h"
#include "policycheck/Taxonomy.h"

#include <gtest/gtest.h>

using namespace policycheck;

TEST(TaxonomyTest, BuiltinHasTheContractKeys) {
  const Taxonomy &T = Taxonomy::builtin();
  for (const char *Key :
       {"user.contact.email", "user.contact.phone_number", "user.contact.address",
        "user.name", "user.authorization.password",
        "user.authorization.credentials", "user.device.ip_address",
        "user.device.device_id", "user.device.cookie_id", "user.unique_id",
        "user.location.precise", "user.location.imprecise",
        "user.financial.credit_card", "user.financial.bank_account",
        "user.government_id", "user.demographic.date_of_birth", "user.behavior",
        "user.content", "user.biometric", "user.health_and_medical",
        "user.device.os", "user.device.hardware", "user.device.mac_address",
        "system.authentication", "system.operations"})
    EXPECT_TRUE(T.contains(Key)) << Key;
}

TEST(TaxonomyTest, EveryKeyHasADescriptionAndAParent) {
  const Taxonomy &T = Taxonomy::builtin();
  EXPECT_GT(T.entries().size(), 70u);
  for (const auto &[Key, Entry] : T.entries()) {
    EXPECT_FALSE(Entry.Description.empty()) << Key;
    EXPECT_TRUE(Entry.BuiltIn) << Key;
    llvm::StringRef Parent = parentCategory(Key);
    if (!Parent.empty())
      EXPECT_TRUE(T.contains(Parent)) << Key;
  }
}

TEST(TaxonomyTest, ParseRejectsDuplicatesAndOrphans) {
  auto Dup = Taxonomy::parse("categories:\n  user: a\n  user: b\n", "t.yaml");
  ASSERT_FALSE(Dup);
  EXPECT_EQ(llvm::toString(Dup.takeError()),
            "t.yaml:3:3: error: duplicate category key 'user'");
  auto Orphan = Taxonomy::parse("categories:\n  user.contact: a\n", "t.yaml");
  ASSERT_FALSE(Orphan);
  EXPECT_NE(llvm::toString(Orphan.takeError()).find("has no parent 'user'"),
            std::string::npos);
}
