// Loader behaviour that the bad-policy files do not show on their own. The
// full catalogue of malformed policies lives in test-inputs/bad-policies.
#include "PolicyTestSupport.h"

#include "policycheck/PolicyLoader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace policycheck;
using namespace policycheck::test;

static const char *Minimal = "version: 1\nservice: S\ncategories:\n"
                             "  user.contact.email: {}\n";

TEST(PolicyLoaderTest, MinimalPolicy) {
  auto P = parseOrFail(Minimal);
  ASSERT_TRUE(P);
  EXPECT_EQ(P->service(), "S");
  EXPECT_EQ(P->categories().size(), 1u);
  EXPECT_TRUE(P->vendors().empty());
}

TEST(PolicyLoaderTest, EmptyCategoryValueIsAllowed) {
  auto P = parseOrFail("version: 1\nservice: S\ncategories:\n  user.behavior:\n");
  ASSERT_TRUE(P);
  EXPECT_EQ(P->categories()[0].Storage, StorageRule::Plain);
}

TEST(PolicyLoaderTest, Yaml12Scalars) {
  // `off`/`on` are strings (YAML 1.2, as editors read them), quoted numbers
  // are strings.
  auto P = parseOrFail(std::string(Minimal) +
                       "vendors:\n  ph:\n    hosts: [a.posthog.com]\n"
                       "consent:\n  analytics:\n    default: off\n"
                       "    vendors: [ph]\n");
  ASSERT_TRUE(P);
  EXPECT_FALSE(P->consent()[0].DefaultOn);
  EXPECT_EQ(errorOf("version: \"1\"\nservice: S\ncategories:\n  user: {}\n"),
            "p.yaml:1:10: error: 'version' must be the integer 1, not a string");
}

TEST(PolicyLoaderTest, OneErrorAtATimeInFileOrder) {
  EXPECT_EQ(errorOf("version: 1\nservice: S\ncategories:\n  user.name:\n"
                    "    retension: 30d\n    storage: hashd\n"),
            "p.yaml:5:5: error: unknown key 'retension' in "
            "'categories.user.name'; did you mean 'retention'?");
}

TEST(PolicyLoaderTest, MissingFile) {
  auto Loaded = loadPolicyFile("/nonexistent/privacy-policy.yaml");
  ASSERT_FALSE(Loaded);
  EXPECT_EQ(llvm::toString(Loaded.takeError()),
            "/nonexistent/privacy-policy.yaml: error: cannot read the policy: "
            "No such file or directory");
}

TEST(PolicyLoaderTest, FindsThePolicyInParentDirectories) {
  llvm::SmallString<128> Root;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("policycheck-find", Root));
  llvm::SmallString<128> Deep(Root);
  llvm::sys::path::append(Deep, "src", "net");
  ASSERT_FALSE(llvm::sys::fs::create_directories(Deep));
  EXPECT_EQ(findPolicyFile(Deep), "");
  llvm::SmallString<128> PolicyPath(Root);
  llvm::sys::path::append(PolicyPath, "privacy-policy.yaml");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(PolicyPath, EC);
    ASSERT_FALSE(EC);
    OS << Minimal;
  }
  EXPECT_EQ(findPolicyFile(Deep), std::string(PolicyPath));
  llvm::sys::fs::remove_directories(Root);
}

TEST(PolicyLoaderTest, NeverCrashesOnArbitraryInput) {
  // Shapes that trip naive loaders: anchors, aliases, tags, nested nulls.
  for (const char *Text :
       {"", "---\n...\n", "[]", "42", "!!map {}", "version: 1\nservice:\n",
        "&a version: *a", "version: 1\nservice: S\ncategories: &c\n  user: *c\n",
        "version: 1\nservice: S\ncategories:\n  ? [a, b]\n  : 1\n",
        "version: 1\nservice: S\ncategories:\n  user: !!str x\n",
        "version: 1\nservice: S\ncategories: {user: {}}\nvendors: [a]\n",
        "version: 1\nservice: S\ncategories: {user: {}}\ncode:\n  sinks: [1]\n",
        "version: 1\nservice: S\ncategories: {user: {}}\ncode:\n  sinks:\n"
        "    - {function: f, url_argument: -1}\n",
        "\t\tversion: 1", "version: 1\x00junk"}) {
    std::string Error = errorOf(Text);
    EXPECT_NE(Error.find("p.yaml:"), std::string::npos) << Text;
    EXPECT_NE(Error.find("error: "), std::string::npos) << Text;
  }
}
