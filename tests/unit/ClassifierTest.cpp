#include "PolicyTestSupport.h"

#include "policycheck/Classifier.h"

#include "llvm/Support/MemoryBuffer.h"

#include <fstream>
#include <sstream>

using namespace policycheck;
using namespace policycheck::test;

namespace {

std::string classifyOrDash(const Classifier &C, llvm::StringRef Name,
                           NameKind Kind, TypeClass Type,
                           llvm::StringRef Owner = "") {
  auto Result = C.classify(Name, Kind, Type, Owner);
  return Result ? Result->Category : "-";
}

struct CorpusRow {
  unsigned Line;
  std::string Name, Kind, Type, Expected, Note, Owner;
};

std::vector<CorpusRow> readCorpus() {
  std::ifstream In(POLICYCHECK_SOURCE_DIR "/tests/data/classifier-corpus.tsv");
  std::vector<CorpusRow> Rows;
  std::string Line;
  unsigned Number = 0;
  while (std::getline(In, Line)) {
    ++Number;
    if (Number == 1 || Line.empty() || Line[0] == '#')
      continue;
    std::stringstream Fields(Line);
    CorpusRow Row;
    Row.Line = Number;
    std::getline(Fields, Row.Name, '\t');
    std::getline(Fields, Row.Kind, '\t');
    std::getline(Fields, Row.Type, '\t');
    std::getline(Fields, Row.Expected, '\t');
    std::getline(Fields, Row.Note, '\t');
    std::getline(Fields, Row.Owner, '\t');
    Rows.push_back(Row);
  }
  return Rows;
}

} // namespace

// The corpus (tests/data/classifier-corpus.tsv) was written independently of
// the rules: realistic names from real code bases, with the look-alikes that
// hold no personal data. Every row must classify exactly as written.
TEST(ClassifierTest, Corpus) {
  std::vector<CorpusRow> Rows = readCorpus();
  ASSERT_GE(Rows.size(), 200u);
  const Classifier &C = Classifier::builtin();
  unsigned Failures = 0, Negatives = 0;
  for (const CorpusRow &Row : Rows) {
    auto Kind = parseNameKind(Row.Kind);
    auto Type = parseTypeClass(Row.Type);
    ASSERT_TRUE(Kind && Type) << "corpus line " << Row.Line;
    Negatives += Row.Expected == "-";
    std::string Got = classifyOrDash(C, Row.Name, *Kind, *Type, Row.Owner);
    if (Got != Row.Expected) {
      ++Failures;
      ADD_FAILURE() << "classifier-corpus.tsv:" << Row.Line << ": " << Row.Name
                    << " (" << Row.Kind << ", " << Row.Type << "): expected "
                    << Row.Expected << ", got " << Got;
    }
  }
  EXPECT_GE(Negatives, 60u);
  EXPECT_EQ(Failures, 0u) << "of " << Rows.size() << " rows";
}

TEST(ClassifierTest, TypeDecides) {
  const Classifier &C = Classifier::builtin();
  EXPECT_EQ(classifyOrDash(C, "email", NameKind::Identifier, TypeClass::String),
            "user.contact.email");
  EXPECT_EQ(classifyOrDash(C, "email", NameKind::Identifier, TypeClass::Bool), "-");
  EXPECT_EQ(classifyOrDash(C, "email", NameKind::Identifier, TypeClass::Integer), "-");
  EXPECT_EQ(classifyOrDash(C, "latitude", NameKind::Identifier, TypeClass::Float),
            "user.location.precise");
  EXPECT_EQ(classifyOrDash(C, "latitude", NameKind::Identifier, TypeClass::Bool), "-");
}

TEST(ClassifierTest, OwnerGivesContext) {
  const Classifier &C = Classifier::builtin();
  EXPECT_EQ(classifyOrDash(C, "name", NameKind::Identifier, TypeClass::String,
                           "Customer"),
            "user.name");
  EXPECT_EQ(classifyOrDash(C, "name", NameKind::Identifier, TypeClass::String,
                           "MetricSeries"),
            "-");
  EXPECT_EQ(classifyOrDash(C, "name", NameKind::Identifier, TypeClass::String), "-");
  EXPECT_EQ(classifyOrDash(C, "password", NameKind::Identifier, TypeClass::String,
                           "DatabaseConfig"),
            "system.authentication");
  EXPECT_EQ(classifyOrDash(C, "password", NameKind::Identifier, TypeClass::String,
                           "SignupRequest"),
            "user.authorization.password");
}

TEST(ClassifierTest, ExplainsTheMatch) {
  auto Result = Classifier::builtin().classify(
      "m_billingEmailAddress", NameKind::Identifier, TypeClass::String);
  ASSERT_TRUE(Result);
  EXPECT_EQ(Result->Category, "user.contact.email");
  EXPECT_EQ(Result->MatchedWords, "email address");
  ASSERT_NE(Result->Rule, nullptr);
  EXPECT_TRUE(Result->Rule->Location.isValid());
}

TEST(ClassifierTest, PolicyIdentifiersOutrankBuiltInRules) {
  auto P = parseOrFail(R"(version: 1
service: S
categories:
  user.content.audio:
    identifiers: [audio, wav, upload_bytes]
  user.contact.email:
    identifiers: [reach_me_at]
taxonomy:
  user.content.game_title:
    identifiers: [game_title, title_id]
)");
  ASSERT_TRUE(P);
  Classifier C = Classifier::builtin().withPolicy(*P);
  EXPECT_EQ(classifyOrDash(C, "audio", NameKind::Identifier, TypeClass::Bytes),
            "user.content.audio");
  EXPECT_EQ(classifyOrDash(C, "m_uploadBytes", NameKind::Identifier,
                           TypeClass::Container),
            "user.content.audio");
  EXPECT_EQ(classifyOrDash(C, "audio_count", NameKind::Identifier,
                           TypeClass::Integer),
            "-");
  EXPECT_EQ(classifyOrDash(C, "has_audio", NameKind::Identifier, TypeClass::Bool),
            "-");
  EXPECT_EQ(classifyOrDash(C, "reach_me_at", NameKind::JsonKey, TypeClass::Unknown),
            "user.contact.email");
  EXPECT_EQ(classifyOrDash(C, "titleId", NameKind::Identifier, TypeClass::Integer),
            "user.content.game_title");
  // The built-in rules still apply to everything else.
  EXPECT_EQ(classifyOrDash(C, "email", NameKind::Identifier, TypeClass::String),
            "user.contact.email");
}

TEST(ClassifierTest, ANameThatFitsTwoCategoriesTakesTheDeclaredOne) {
  // `city` is the address's city, unless the policy declares a coarse
  // location and not the address; a policy that declares or forbids the
  // address keeps it.
  auto Coarse = parseOrFail(R"(version: 1
service: S
categories:
  user.location.imprecise: {}
)");
  auto Address = parseOrFail(R"(version: 1
service: S
categories:
  user.contact.address: {}
  user.location.imprecise: {}
)");
  auto Forbidden = parseOrFail(R"(version: 1
service: S
categories:
  user.location.imprecise: {}
not_collected: [user.contact.address]
)");
  ASSERT_TRUE(Coarse && Address && Forbidden);
  EXPECT_EQ(classifyOrDash(Classifier::builtin().withPolicy(*Coarse), "city",
                           NameKind::Identifier, TypeClass::String),
            "user.location.imprecise");
  EXPECT_EQ(classifyOrDash(Classifier::builtin().withPolicy(*Coarse), "country",
                           NameKind::JsonKey, TypeClass::Unknown),
            "user.location.imprecise");
  EXPECT_EQ(classifyOrDash(Classifier::builtin().withPolicy(*Address), "city",
                           NameKind::Identifier, TypeClass::String),
            "user.contact.address.city");
  EXPECT_EQ(classifyOrDash(Classifier::builtin().withPolicy(*Forbidden), "city",
                           NameKind::Identifier, TypeClass::String),
            "user.contact.address.city");
  EXPECT_EQ(classifyOrDash(Classifier::builtin(), "city", NameKind::Identifier,
                           TypeClass::String),
            "user.contact.address.city");
}

TEST(ClassifierTest, BuiltinRulesNameTaxonomyKeys) {
  for (const ClassifierRule &Rule : Classifier::builtin().rules())
    EXPECT_TRUE(Taxonomy::builtin().contains(Rule.Category)) << Rule.Category;
}
