// The questions the checks ask the policy model.
#include "PolicyTestSupport.h"

using namespace policycheck;
using namespace policycheck::test;

namespace {
const char *MixLensLike = R"(version: 1
service: MixLens
first_party:
  hosts: [mixlens.io, "*.mixlens.io"]
  logs:
    allowed: [system.operations, user.unique_id]
categories:
  user.contact:
    description: contact data
    retention: account
  user.contact.email:
    description: account email
  user.authorization.password:
    storage: hashed
    hash: password
  user.content.audio:
    identifiers: [audio, wav]
    storage: none
    retention: 30d
  user.behavior: {}
not_collected:
  - user.financial.credit_card
  - user.government_id
vendors:
  posthog:
    name: PostHog
    hosts: [app.posthog.com, "*.posthog.com"]
    receives: [user.behavior]
  sentry:
    name: Sentry
    hosts: ["*.sentry.io"]
    sdk: ["sentry_*"]
    receives: [user.device]
  r2:
    name: Cloudflare R2
    hosts: ["*.r2.cloudflarestorage.com"]
    receives: [user.content.audio]
  uploads:
    name: Upload CDN
    hosts: [cdn.uploads.mixlens.io]
  user_endpoints:
    receives: [user.content]
code:
  sinks:
    - function: "mixlens::analytics::track"
      vendor: posthog
      arguments: [1]
    - function: "mixlens::net::Client::post"
      url_argument: 0
)";
} // namespace

TEST(PolicyModelTest, DeclarationIsTheMostSpecificCover) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  ASSERT_NE(P->declaration("user.contact.email"), nullptr);
  EXPECT_EQ(P->declaration("user.contact.email")->Key, "user.contact.email");
  EXPECT_EQ(P->declaration("user.contact.phone_number")->Key, "user.contact");
  EXPECT_EQ(P->declaration("user.name"), nullptr);
  EXPECT_EQ(P->declaration("user.content.audio")->Storage, StorageRule::None);
  EXPECT_EQ(P->declaration("user.authorization.password")->Hash,
            HashStrength::Password);
  EXPECT_EQ(P->declaration("user.contact.address.city")->Retention->DurationKind,
            Duration::Kind::WhileAccountExists);
}

TEST(PolicyModelTest, NotCollectedCoversSubKeys) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  EXPECT_NE(P->notCollectedEntry("user.government_id.passport_number"), nullptr);
  EXPECT_NE(P->notCollectedEntry("user.financial.credit_card"), nullptr);
  EXPECT_EQ(P->notCollectedEntry("user.financial.bank_account"), nullptr);
  EXPECT_EQ(P->notCollectedEntry("user.contact.email"), nullptr);
}

TEST(PolicyModelTest, VendorReceives) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  const Vendor *PostHog = P->vendor("posthog");
  ASSERT_NE(PostHog, nullptr);
  EXPECT_EQ(PostHog->displayName(), "posthog (PostHog)");
  EXPECT_NE(PostHog->receivesEntry("user.behavior.browsing_history"), nullptr);
  EXPECT_EQ(PostHog->receivesEntry("user.contact.email"), nullptr);
  EXPECT_EQ(PostHog->receivesEntry("user"), nullptr);
  EXPECT_TRUE(P->vendor("user_endpoints")->isUserEndpoints());
  EXPECT_EQ(P->vendor("uploads")->displayName(), "uploads (Upload CDN)");
}

TEST(PolicyModelTest, HostOwnership) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  EXPECT_EQ(P->vendorForHost("app.posthog.com")->Id, "posthog");
  EXPECT_EQ(P->vendorForHost("eu.i.posthog.com")->Id, "posthog");
  EXPECT_EQ(P->vendorForHost("posthog.com"), nullptr);
  EXPECT_EQ(P->vendorForHost("o123.ingest.sentry.io")->Id, "sentry");
  EXPECT_EQ(P->vendorForHost("acct.r2.cloudflarestorage.com")->Id, "r2");
  EXPECT_EQ(P->vendorForHost("segment.io"), nullptr);
  // An exact vendor host beats the first party's wildcard.
  EXPECT_EQ(P->vendorForHost("cdn.uploads.mixlens.io")->Id, "uploads");
  EXPECT_FALSE(P->isFirstPartyHost("cdn.uploads.mixlens.io"));
  EXPECT_TRUE(P->isFirstPartyHost("api.mixlens.io"));
  EXPECT_TRUE(P->isFirstPartyHost("MixLens.io"));
  EXPECT_TRUE(P->isFirstPartyHost("localhost"));
  EXPECT_TRUE(P->isFirstPartyHost("127.0.0.1"));
  EXPECT_FALSE(P->isFirstPartyHost("mixlens.io.evil.com"));
  EXPECT_EQ(P->vendorForHost("localhost"), nullptr);
}

TEST(PolicyModelTest, SdkPatterns) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  EXPECT_EQ(P->vendorForFunction("sentry_capture_event")->Id, "sentry");
  EXPECT_EQ(P->vendorForFunction("my_sentry_capture"), nullptr);
  EXPECT_TRUE(matchesQualifiedNamePattern("Aws::S3::*", "Aws::S3::S3Client::PutObject"));
  EXPECT_TRUE(matchesQualifiedNamePattern("*::track", "a::b::track"));
  EXPECT_FALSE(matchesQualifiedNamePattern("*::track", "a::b::track2"));
  EXPECT_TRUE(matchesQualifiedNamePattern("a::*::f*", "a::x::y::foo"));
}

TEST(PolicyModelTest, LogsAndCodeModels) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  EXPECT_NE(P->logsAllowedEntry("user.unique_id.pseudonymous"), nullptr);
  EXPECT_EQ(P->logsAllowedEntry("user.contact.email"), nullptr);
  ASSERT_EQ(P->sinkModels().size(), 2u);
  EXPECT_EQ(P->sinkModels()[0].SinkKind, SinkModel::Kind::Vendor);
  EXPECT_EQ(P->sinkModels()[0].Arguments, std::vector<unsigned>{1});
  EXPECT_EQ(P->sinkModels()[1].SinkKind, SinkModel::Kind::Url);
  EXPECT_EQ(P->sinkModels()[1].UrlArgument, 0u);
}

TEST(PolicyModelTest, CustomCategoriesJoinTheTaxonomy) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  const TaxonomyEntry *Audio = P->taxonomy().find("user.content.audio");
  ASSERT_NE(Audio, nullptr);
  EXPECT_FALSE(Audio->BuiltIn);
  EXPECT_EQ(Audio->Identifiers, (std::vector<std::string>{"audio", "wav"}));
  EXPECT_EQ(Audio->Location.Line, 16u);
}

TEST(PolicyModelTest, LocationsPointAtThePolicyLines) {
  auto P = parseOrFail(MixLensLike);
  ASSERT_TRUE(P);
  const Vendor *PostHog = P->vendor("posthog");
  EXPECT_EQ(PostHog->Location.str(), "p.yaml:25:3");
  EXPECT_EQ(PostHog->ReceivesLocation.Line, 28u);
  EXPECT_EQ(PostHog->Receives[0].Location.str(), "p.yaml:28:16");
  EXPECT_EQ(P->notCollected()[1].Location.str(), "p.yaml:23:5");
}
