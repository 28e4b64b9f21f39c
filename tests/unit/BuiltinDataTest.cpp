// The built-in data files load, and say what the engine relies on.
#include "policycheck/Classifier.h"
#include "policycheck/HostDirectory.h"
#include "policycheck/LibraryModels.h"
#include "policycheck/Taxonomy.h"

#include <gtest/gtest.h>

using namespace policycheck;

TEST(BuiltinDataTest, HostDirectoryNamesCompanies) {
  const HostDirectory &D = HostDirectory::builtin();
  EXPECT_GE(D.vendors().size(), 150u);
  struct Case { const char *Host, *Id; } Cases[] = {
      {"api.segment.io", "segment"},       {"api.mixpanel.com", "mixpanel"},
      {"o1.ingest.sentry.io", "sentry"},   {"api.openai.com", "openai"},
      {"api.stripe.com", "stripe"},        {"api.resend.com", "resend"},
      {"us.i.posthog.com", "posthog"},     {"hooks.slack.com", "slack"},
      {"bucket.s3.amazonaws.com", "amazon_s3"},
      {"acc.r2.cloudflarestorage.com", "cloudflare_r2"},
  };
  for (const Case &C : Cases) {
    const KnownVendor *V = D.lookupHost(C.Host);
    ASSERT_NE(V, nullptr) << C.Host;
    EXPECT_EQ(V->Id, C.Id) << C.Host;
  }
  EXPECT_EQ(D.lookupHost("segment.io.evil.example"), nullptr);
  EXPECT_EQ(D.lookupHost("localhost"), nullptr);
  EXPECT_EQ(D.lookupHost("127.0.0.1"), nullptr);
}

TEST(BuiltinDataTest, HostDirectoryRejectsAPatternListedTwice) {
  auto Parsed = HostDirectory::parse("vendors:\n  a:\n    name: A\n    hosts: [x.a.com]\n"
                                     "  b:\n    name: B\n    hosts: [x.a.com]\n",
                                     "hosts.yaml");
  ASSERT_FALSE(Parsed);
  EXPECT_EQ(llvm::toString(Parsed.takeError()),
            "hosts.yaml:7:13: error: host pattern 'x.a.com' is listed for both "
            "'a' and 'b'");
}

TEST(BuiltinDataTest, LibraryModelsCoverTheContractsLibraries) {
  const LibraryModels &M = LibraryModels::builtin();
  struct Case { const char *Name; ModelRole Role; } Cases[] = {
      {"curl_easy_setopt", ModelRole::RequestOption},
      {"httplib::Client::Client", ModelRole::UrlBinding},
      {"httplib::Client::Post", ModelRole::Sink},
      {"httplib::SSLClient::Put", ModelRole::Sink},
      {"spdlog::info", ModelRole::Sink},
      {"spdlog::logger::error", ModelRole::Sink},
      {"fmt::print", ModelRole::Sink},
      {"fmt::format", ModelRole::Propagate},
      {"printf", ModelRole::Sink},
      {"syslog", ModelRole::Sink},
      {"sqlite3_bind_text", ModelRole::Sink},
      {"sqlite3_exec", ModelRole::Sink},
      {"PQexecParams", ModelRole::Sink},
      {"pqxx::transaction_base::exec_params", ModelRole::Sink},
      {"redisCommand", ModelRole::Sink},
      {"SHA256", ModelRole::Transform},
      {"EVP_DigestUpdate", ModelRole::Transform},
      {"HMAC", ModelRole::Transform},
      {"EVP_EncryptUpdate", ModelRole::Transform},
      {"crypto_pwhash_str", ModelRole::Transform},
      {"crypto_secretbox_easy", ModelRole::Transform},
      {"crypt", ModelRole::Transform},
      {"sentry_capture_event", ModelRole::Sink},
      {"gethostname", ModelRole::Source},
      {"uname", ModelRole::Source},
  };
  for (const Case &C : Cases) {
    const FunctionModel *F = M.find(C.Name);
    ASSERT_NE(F, nullptr) << C.Name;
    EXPECT_EQ(F->Role, C.Role) << C.Name;
  }
  EXPECT_EQ(M.find("my::own::function"), nullptr);
  ASSERT_NE(M.streamForObject("std::cerr"), nullptr);
  EXPECT_EQ(M.streamForObject("std::cerr")->Kind, StreamKind::Log);
  ASSERT_NE(M.streamForType("std::basic_ofstream"), nullptr);
  EXPECT_EQ(M.streamForType("std::basic_ofstream")->Kind, StreamKind::Storage);
  EXPECT_EQ(M.streamForType("std::basic_ostringstream")->Kind, StreamKind::Buffer);
}

TEST(BuiltinDataTest, ModelSourcesNameTaxonomyKeysAndSdkVendorsExist) {
  for (const FunctionModel &F : LibraryModels::builtin().functions()) {
    // A column read takes its category from the query's select list.
    if (F.Role == ModelRole::Source && !F.ColumnArgument)
      EXPECT_TRUE(Taxonomy::builtin().contains(F.Category)) << F.Pattern;
    if (F.Role == ModelRole::Sink && F.Sink == SinkKind::Vendor)
      EXPECT_NE(HostDirectory::builtin().find(F.VendorId), nullptr) << F.Pattern;
  }
}

TEST(BuiltinDataTest, ModelFileErrorsAreReportedNotThrown) {
  builtin::DataFile Bad{"models/bad.yaml",
                        "library: x\nfunctions:\n  - {name: f, role: sink}\n"};
  auto Parsed = LibraryModels::parse(llvm::makeArrayRef(Bad));
  ASSERT_FALSE(Parsed);
  EXPECT_EQ(llvm::toString(Parsed.takeError()),
            "models/bad.yaml:3:5: error: a sink needs 'kind': log, storage, "
            "http, vendor or stream");
}

TEST(BuiltinDataTest, AColumnReadNeedsItsStatementAndAQueryBindingItsTarget) {
  builtin::DataFile Column{"models/bad.yaml",
                           "library: x\nfunctions:\n"
                           "  - {name: f, role: source, column_argument: 1}\n"};
  auto Parsed = LibraryModels::parse(llvm::makeArrayRef(Column));
  ASSERT_FALSE(Parsed);
  EXPECT_EQ(llvm::toString(Parsed.takeError()),
            "models/bad.yaml:3:5: error: a column read needs both 'column_argument' "
            "and 'statement_argument'");
  builtin::DataFile Query{"models/bad.yaml",
                          "library: x\nfunctions:\n"
                          "  - {name: f, role: query_binding, query_argument: 1}\n"};
  Parsed = LibraryModels::parse(llvm::makeArrayRef(Query));
  ASSERT_FALSE(Parsed);
  EXPECT_EQ(llvm::toString(Parsed.takeError()),
            "models/bad.yaml:3:5: error: a query_binding needs 'query_argument' and 'into'");
}

TEST(BuiltinDataTest, AHandleSaysWhatItWritesIntoAndAnAttachWhatItAttaches) {
  auto ErrorOf = [](const char *Item) {
    std::string Text = std::string("library: x\nfunctions:\n  - ") + Item + "\n";
    builtin::DataFile Bad{"models/bad.yaml", Text.c_str()};
    auto Parsed = LibraryModels::parse(llvm::makeArrayRef(Bad));
    return Parsed ? std::string("(no error)") : llvm::toString(Parsed.takeError());
  };
  EXPECT_EQ(ErrorOf("{name: f, role: handle}"),
            "models/bad.yaml:3:5: error: a handle model needs 'into': receiver or an "
            "argument");
  EXPECT_EQ(ErrorOf("{name: f, role: attach, into: receiver}"),
            "models/bad.yaml:3:5: error: an attach model needs 'from' and 'into: "
            "receiver'");
  EXPECT_EQ(ErrorOf("{name: f, role: attach, from: [0], into: 1}"),
            "models/bad.yaml:3:5: error: an attach model needs 'from' and 'into: "
            "receiver'");
  EXPECT_EQ(ErrorOf("{name: f, role: handle, into: receiver}"), "(no error)");
  EXPECT_EQ(ErrorOf("{name: f, role: propagate, from: [0], key_of_next: true}"),
            "models/bad.yaml:3:5: error: 'key_of_next' is true or false, on a model with "
            "'into: receiver'");
}

TEST(BuiltinDataTest, NamingConventionsComeFromTheModelData) {
  const NamingConventions &C = LibraryModels::builtin().conventions();
  EXPECT_TRUE(C.isKeyLookup("at", /*ReturnsObject=*/false));
  EXPECT_TRUE(C.isKeyLookup("find", /*ReturnsObject=*/true));
  EXPECT_FALSE(C.isKeyLookup("find", /*ReturnsObject=*/false)); // a position
  EXPECT_TRUE(C.isValueRead("toDouble"));
  EXPECT_TRUE(C.isValueRead("value_or"));
  EXPECT_TRUE(C.isValueRead("GetInt64"));
  EXPECT_TRUE(C.isValueRead("as_int"));
  EXPECT_FALSE(C.isValueRead("toString"));
  EXPECT_TRUE(C.isSetter("setRawHeader"));
  EXPECT_TRUE(C.isSetter("set_email"));
  EXPECT_TRUE(C.isSetter("add"));
  EXPECT_FALSE(C.isSetter("settle"));
  EXPECT_FALSE(C.isSetter("address"));
  EXPECT_TRUE(C.isValueType("basic_json"));
}

TEST(BuiltinDataTest, NamingConventionsAreExtendedByAModelFile) {
  builtin::DataFile File{"models/mine.yaml",
                         "library: mine\nconventions:\n  setter_verbs: [put]\n"};
  auto Parsed = LibraryModels::parse(llvm::makeArrayRef(File));
  ASSERT_TRUE(static_cast<bool>(Parsed)) << llvm::toString(Parsed.takeError());
  EXPECT_TRUE(Parsed->conventions().isSetter("putHeader"));
  EXPECT_FALSE(Parsed->conventions().isSetter("setHeader"));
}

TEST(BuiltinDataTest, NamingConventionErrorsNameTheKey) {
  builtin::DataFile Unknown{"models/bad.yaml",
                            "library: x\nconventions:\n  setters: [put]\n"};
  auto Parsed = LibraryModels::parse(llvm::makeArrayRef(Unknown));
  ASSERT_FALSE(Parsed);
  EXPECT_EQ(llvm::toString(Parsed.takeError()),
            "models/bad.yaml:3:3: error: unknown key 'setters' in 'conventions'");
  builtin::DataFile NotAList{"models/bad.yaml",
                             "library: x\nconventions:\n  setter_verbs: put\n"};
  Parsed = LibraryModels::parse(llvm::makeArrayRef(NotAList));
  ASSERT_FALSE(Parsed);
  EXPECT_EQ(llvm::toString(Parsed.takeError()),
            "models/bad.yaml:3:17: error: 'setter_verbs' is a list of names");
}

/// The error a model file gives, or `(no error)`.
static std::string modelFileError(const std::string &Text) {
  builtin::DataFile Bad{"models/bad.yaml", Text.c_str()};
  auto Parsed = LibraryModels::parse(llvm::makeArrayRef(Bad));
  if (Parsed)
    return "(no error)";
  return llvm::toString(Parsed.takeError());
}

TEST(BuiltinDataTest, HashStrengthsAndExpiriesBelongToTheirRoles) {
  auto Item = [](const char *Model) {
    return modelFileError(std::string("library: x\nfunctions:\n  - ") + Model + "\n");
  };
  EXPECT_EQ(Item("{name: f, role: transform, result: hashed, strength: strong, from: [0]}"),
            "models/bad.yaml:3:5: error: 'strength' is weak, digest or password, on a "
            "hashing transform");
  EXPECT_EQ(Item("{name: f, role: transform, result: encrypted, strength: weak, from: [0]}"),
            "models/bad.yaml:3:5: error: 'strength' is weak, digest or password, on a "
            "hashing transform");
  EXPECT_EQ(Item("{name: f, role: sink, kind: log, arguments: all, strength: weak}"),
            "models/bad.yaml:3:5: error: 'strength' and 'algorithm_argument' are for "
            "transforms");
  EXPECT_EQ(Item("{name: f, role: propagate, from: [0], command_argument: 1}"),
            "models/bad.yaml:3:5: error: 'expiry_argument' and 'command_argument' are for "
            "sinks");
  EXPECT_EQ(Item("{name: f, role: sink, kind: log, arguments: all, expiry_argument: 2}"),
            "models/bad.yaml:3:5: error: 'expiry_argument' and 'command_argument' are for "
            "storage sinks");
  EXPECT_EQ(Item("{name: f, role: sink, kind: storage, arguments: all, expiry_unit: hours}"),
            "models/bad.yaml:3:5: error: 'expiry_unit' is seconds or milliseconds, with "
            "'expiry_argument'");
  EXPECT_EQ(Item("{name: f, role: sink, kind: storage, arguments: [1], expiry_argument: 2, "
                 "expiry_unit: milliseconds}"),
            "(no error)");
}

TEST(BuiltinDataTest, HashAlgorithmsNameTheirStrength) {
  EXPECT_EQ(modelFileError("library: x\nhash_algorithms:\n  - {names: [Md5]}\n"),
            "models/bad.yaml:3:5: error: a hash algorithm needs 'strength': weak, digest "
            "or password");
  EXPECT_EQ(modelFileError("library: x\nhash_algorithms:\n  - {strength: weak}\n"),
            "models/bad.yaml:3:5: error: a hash algorithm needs 'names' or 'prefixes'");
  EXPECT_EQ(modelFileError("library: x\nhash_algorithms:\n  - {strength: weak, name: [x]}\n"),
            "models/bad.yaml:3:22: error: unknown key 'name' in a hash algorithm");
  const LibraryModels &M = LibraryModels::builtin();
  EXPECT_EQ(M.algorithmStrength("EVP_md5", ""), HashGrade::Weak);
  EXPECT_EQ(M.algorithmStrength("Sha3_256", ""), HashGrade::Digest);
  EXPECT_EQ(M.algorithmStrength("", "SHA256"), HashGrade::Digest); // a text, any case
  EXPECT_EQ(M.algorithmStrength("", "$2b$12$abcdefghijklmnopqrstuv"), HashGrade::Password);
  EXPECT_EQ(M.algorithmStrength("", "$1$salt"), HashGrade::Weak);
  EXPECT_EQ(M.algorithmStrength("EVP_get_digestbyname", ""), HashGrade::Unknown);
}

TEST(BuiltinDataTest, CookieModelErrorsNameTheirPlace) {
  EXPECT_EQ(modelFileError("library: x\ncookies:\n  headerz: []\n"),
            "models/bad.yaml:3:3: error: unknown key 'headerz' in 'cookies'");
  EXPECT_EQ(modelFileError("library: x\ncookies:\n  headers:\n    - {function: f, "
                           "name_argument: 0}\n"),
            "models/bad.yaml:4:7: error: a header model needs 'name_argument' and "
            "'value_argument'");
  EXPECT_EQ(modelFileError("library: x\ncookies:\n  setters:\n    - {function: f, "
                           "attribute: Path}\n"),
            "models/bad.yaml:4:32: error: expected name, value, Secure, HttpOnly, SameSite "
            "or Max-Age");
  EXPECT_EQ(modelFileError("library: x\ncookies:\n  same_site:\n    strictest: [X]\n"),
            "models/bad.yaml:4:5: error: unknown key 'strictest' in 'same_site'");
  EXPECT_EQ(modelFileError("library: x\ncookies:\n  sets:\n    - {function: f}\n"),
            "models/bad.yaml:4:7: error: a cookie set needs 'cookie_argument'");
  const CookieModels &C = LibraryModels::builtin().cookies();
  EXPECT_TRUE(C.isSetCookieHeader("set-cookie"));
  EXPECT_TRUE(C.isSetCookieHeader("set_cookie")); // Beast's field enumerator
  EXPECT_FALSE(C.isSetCookieHeader("Cookie"));
  EXPECT_EQ(C.sameSite("SAME_SITE_STRICT"), SameSite::Strict);
}
