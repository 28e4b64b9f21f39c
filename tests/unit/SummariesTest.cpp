//===--- SummariesTest.cpp - Summaries across translation units -----------===//
//
// A function defined in another translation unit is known by its summary as
// one defined in the same file: its sinks reach the caller's arguments, its
// overriders run for a call through an interface, and the summaries file
// carries all of it, refusing any file it cannot read whole.
//
//===----------------------------------------------------------------------===//
#include "EngineTestSupport.h"

#include "policycheck/FactsFile.h"
#include "policycheck/Summaries.h"
#include "policycheck/Version.h"

#include "llvm/Support/FileSystem.h"

namespace policycheck::test {
namespace {

struct Analysed {
  std::unique_ptr<clang::ASTUnit> AST;
  AnalysisResult Result;

  Findings findings() const {
    Findings Lines;
    for (const Finding &F : Result.Findings) {
      FindingRecord R = toRecord(F, AST->getSourceManager());
      Lines.push_back(std::to_string(R.Position.Line) + ": " +
                      checkInfo(R.Check).Name.str() + " " +
                      (R.Category.empty() ? "-" : R.Category) + " " + R.Destination);
    }
    return Lines;
  }
};

/// Analyses one translation unit named \p FileName, with the program's
/// summaries when given.
Analysed analyse(llvm::StringRef Code, llvm::StringRef FileName,
                 const ProgramSummaries *Linked = nullptr) {
  static Knowledge K(*parsePolicy(EngineTestPolicy, "privacy-policy.yaml"));
  Analysed A;
  A.AST = clang::tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++17", "-resource-dir=" POLICYCHECK_CLANG_RESOURCE_DIR,
             "-Wno-everything"},
      FileName);
  if (!A.AST || A.AST->getDiagnostics().hasErrorOccurred()) {
    ADD_FAILURE() << FileName.str() << " does not compile";
    return A;
  }
  A.Result = analyzeTranslationUnit(A.AST->getASTContext(), K, Linked);
  return A;
}

// A logging helper in one file, a caller in another: the caller knows what,
// the helper where.
const char *AuditCpp = R"(#include <spdlog/spdlog.h>
#include <string>
void audit(const std::string &value) { spdlog::info("audit: {}", value); }
)";
const char *SignupCpp = R"(#include <string>
struct User { std::string email; int id; };
void audit(const std::string &value);
void signup(const User &u) {
  audit(u.email);
  audit(std::to_string(u.id));
}
)";

TEST(SummariesTest, ACallIntoAnotherTranslationUnitUsesItsSummary) {
  Analysed Audit = analyse(AuditCpp, "audit.cpp");
  EXPECT_EQ(Audit.findings(), Findings());
  ASSERT_EQ(Audit.Result.Exported.Functions.size(), 1u);
  EXPECT_EQ(Audit.Result.Exported.Functions.begin()->second.Name, "audit");

  // Alone, the caller cannot see where the data goes.
  EXPECT_EQ(analyse(SignupCpp, "signup.cpp").findings(), Findings());

  Analysed Signup = analyse(SignupCpp, "signup.cpp", &Audit.Result.Exported);
  EXPECT_EQ(Signup.findings(),
            Findings({"5: privacy-log-exposure user.contact.email log"}));
  // The note on the way points into the other file, by path.
  const Finding &F = Signup.Result.Findings.front();
  bool NotesTheHelper = false;
  for (const FindingNote &N : F.Notes)
    if (N.CodeElsewhere.valid()) {
      NotesTheHelper = llvm::StringRef(N.CodeElsewhere.File).endswith("audit.cpp") &&
                       N.CodeElsewhere.Line == 3;
      EXPECT_NE(N.Message.find("inside 'audit'"), std::string::npos) << N.Message;
    }
  EXPECT_TRUE(NotesTheHelper);
  EXPECT_EQ(Signup.Result.LookedUp.count("f:" + Audit.Result.Exported.Functions.begin()->first),
            1u);
}

// What the helper knows by the names of the fields it reads it reports
// itself; the caller adds only what the helper could not know.
TEST(SummariesTest, ACategoryTheCalleeReportsIsNotReportedAgainAtTheCaller) {
  const char *NoteH = R"(#include <string>
struct Note { std::string email; std::string text; };
void log_note(const Note &n);
)";
  Analysed Helper = analyse(std::string(NoteH) + R"(#include <spdlog/spdlog.h>
void log_note(const Note &n) { spdlog::info("{}: {}", n.email, n.text); }
)",
                            "helper.cpp");
  EXPECT_EQ(Helper.findings(), Findings({"5: privacy-log-exposure user.contact.email log"}));
  std::string Caller = std::string(NoteH) + R"(struct User { std::string email; std::string ip_address; };
void f(const User &u) {
  Note n;
  n.email = u.email;
  n.text = u.ip_address;
  log_note(n);
}
)";
  EXPECT_EQ(analyse(Caller, "caller.cpp", &Helper.Result.Exported).findings(),
            Findings({"9: privacy-log-exposure user.device.ip_address log"}));
}

// An interface in a header, an implementation in one file, the call through
// the interface in another.
const char *SinkH = R"(#include <string>
struct Sink { virtual ~Sink() = default; virtual void send(const std::string &v) = 0; };
)";

TEST(SummariesTest, AVirtualCallRunsOverridersDefinedInOtherTranslationUnits) {
  std::string Impl = std::string(SinkH) + R"(#include <spdlog/spdlog.h>
struct LogSink : Sink { void send(const std::string &v) override { spdlog::warn("{}", v); } };
void keep(LogSink &) {}
)";
  Analysed Sinks = analyse(Impl, "log_sink.cpp");
  ASSERT_FALSE(Sinks.Result.Exported.Overriders.empty());
  std::string Caller = std::string(SinkH) + R"(struct User { std::string email; };
void notify(Sink &sink, const User &u) { sink.send(u.email); }
)";
  EXPECT_EQ(analyse(Caller, "notify.cpp").findings(), Findings());
  EXPECT_EQ(analyse(Caller, "notify.cpp", &Sinks.Result.Exported).findings(),
            Findings({"4: privacy-log-exposure user.contact.email log"}));
}

// A setter and a getter defined elsewhere: their summaries say the getter
// returns a constant, where a guess would have had it return what was set.
TEST(SummariesTest, ASummaryReplacesTheGuessAtAFunctionItCannotSee) {
  const char *ConfigH = R"(#include <string>
class Config {
public:
  void setOwner(const std::string &email);
  std::string region() const;
private:
  std::string owner_;
};
)";
  Analysed Config = analyse(std::string(ConfigH) + R"(
void Config::setOwner(const std::string &email) { owner_ = email; }
std::string Config::region() const { return "eu-west-1"; }
)",
                            "config.cpp");
  std::string Main = std::string(ConfigH) + R"(#include <spdlog/spdlog.h>
struct User { std::string email; };
void start(Config &cfg, const User &u) {
  cfg.setOwner(u.email);
  spdlog::info("region {}", cfg.region());
}
)";
  EXPECT_EQ(analyse(Main, "main.cpp").findings(),
            Findings({"13: privacy-log-exposure user.contact.email log"}));
  EXPECT_EQ(analyse(Main, "main.cpp", &Config.Result.Exported).findings(), Findings());
}

std::string written(const ProgramSummaries &S) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  writeSummaries(S, OS);
  return OS.str();
}

TEST(SummariesTest, TheSummariesFileReadsBackAsWritten) {
  Analysed Audit = analyse(AuditCpp, "audit.cpp");
  std::string Text = written(Audit.Result.Exported);
  auto Read = parseSummaries(Text, "summaries.json");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(written(*Read), Text);
  EXPECT_EQ(analyse(SignupCpp, "signup.cpp", &*Read).findings(),
            Findings({"5: privacy-log-exposure user.contact.email log"}));
}

// A digest helper, a Redis cache with a fixed time-to-live and a cookie
// setter, in one file: what the caller's file needs of them (the hash's
// strength and name, the expiry, the cookie's text) is in the summaries
// file, and reads back as written.
const char *HelpersCpp = R"(#include <hiredis/hiredis.h>
#include <httplib.h>
#include <openssl/sha.h>
#include <string>
std::string digest(const std::string &in) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char *>(in.data()), in.size(), d);
  return std::string(reinterpret_cast<const char *>(d), sizeof d);
}
void cache(redisContext *c, const std::string &value) {
  redisCommand(c, "SETEX k 86400 %s", value.c_str());
}
void remember(httplib::Response &res, const std::string &value) {
  res.set_header("Set-Cookie", "sid=" + value + "; Secure; Max-Age=600");
}
)";

TEST(SummariesTest, StrengthExpiryAndCookiesCrossTheSummariesFile) {
  Analysed Helpers = analyse(HelpersCpp, "helpers.cpp");
  std::string Text = written(Helpers.Result.Exported);
  EXPECT_NE(Text.find("\"strength\":\"digest\""), std::string::npos) << Text;
  EXPECT_NE(Text.find("\"hash\":\"SHA256\""), std::string::npos) << Text;
  EXPECT_NE(Text.find("\"expiresAfterMs\":86400000"), std::string::npos) << Text;
  EXPECT_NE(Text.find("\"cookie\":\"sid={?}; Secure; Max-Age=600\""), std::string::npos)
      << Text;
  auto Read = parseSummaries(Text, "summaries.json");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(written(*Read), Text);
}

// A setter in one file writes a field; a method no call runs (a timer's)
// in another sends it.
const char *ReporterH = R"(#include <string>
class Reporter {
public:
  void remember(const std::string &body);
  void configure(const std::string &host);
  void flush();
private:
  std::string host_, body_;
};
)";
const char *ReporterFillCpp = R"(#include "reporter.h"
void Reporter::remember(const std::string &body) { body_ = body; }
void Reporter::configure(const std::string &host) { host_ = host; }
Reporter reporter;
void onLogin(const std::string &email) { reporter.remember(email); }
void setup() { reporter.configure("https://app.posthog.com"); }
)";
const char *ReporterFlushCpp = R"(#include "reporter.h"
#include <httplib.h>
void Reporter::flush() { httplib::Client c(host_); c.Post("/e", body_, "text/plain"); }
)";

TEST(SummariesTest, AFieldHoldsWhatAnotherTranslationUnitWritesIntoIt) {
  auto WithHeader = [](const char *Code, llvm::StringRef Name,
                       const ProgramSummaries *Linked = nullptr) {
    std::string Joined = std::string(ReporterH) + Code;
    size_t At = Joined.find("#include \"reporter.h\"");
    Joined.erase(At, std::strlen("#include \"reporter.h\""));
    return analyse(Joined, Name, Linked);
  };
  Analysed Fill = WithHeader(ReporterFillCpp, "fill.cpp");
  EXPECT_EQ(Fill.findings(), Findings());
  ASSERT_EQ(Fill.Result.Exported.Fields.count("c:@S@Reporter.body_"), 1u);
  EXPECT_TRUE(Fill.Result.Exported.Fields.at("c:@S@Reporter.body_").Data.hasCategory(
      "user.contact.email"));
  EXPECT_EQ(Fill.Result.Exported.Fields.at("c:@S@Reporter.host_").text(),
            std::optional<std::string>("https://app.posthog.com"));

  // Alone, flush() knows neither what nor where.
  EXPECT_EQ(WithHeader(ReporterFlushCpp, "flush.cpp").findings(), Findings());
  // With the program's writes (through the summaries file), it knows both.
  auto Read = parseSummaries(written(Fill.Result.Exported), "summaries.json");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  Analysed Flush = WithHeader(ReporterFlushCpp, "flush.cpp", &*Read);
  EXPECT_EQ(Flush.findings(),
            Findings({"12: privacy-vendor-category user.contact.email posthog"}));
  EXPECT_TRUE(Flush.Result.LookedUp.count("d:c:@S@Reporter.body_"));

  // Once some file calls flush() itself, that call's object decides.
  ProgramSummaries Called = *Read;
  Called.Called.insert("c:@S@Reporter@F@flush#");
  EXPECT_EQ(WithHeader(ReporterFlushCpp, "flush.cpp", &Called).findings(), Findings());
}

std::string errorOf(llvm::StringRef Text) {
  auto Read = parseSummaries(Text, "build/summaries.json");
  if (Read)
    return "(no error)";
  return llvm::toString(Read.takeError());
}

/// \p Text with its header's hash made to match its entries again, as a
/// hand-made file would have it.
std::string rehashed(std::string Text) {
  size_t Newline = Text.find('\n');
  std::string Body = Text.substr(Newline + 1);
  size_t At = Text.find("\"entriesHash\":\"");
  Text.replace(At + std::strlen("\"entriesHash\":\""), 16, textHash(Body));
  return Text;
}

TEST(SummariesTest, ABrokenSummariesFileIsOneErrorNamingIt) {
  Analysed Audit = analyse(AuditCpp, "audit.cpp");
  std::string Text = written(Audit.Result.Exported);

  // Cut short, or edited by hand: the entries no longer match the header.
  std::string CutShort = "build/summaries.json: cut short or edited: its entries do not "
                         "match the hash in its first line; write it again with policycheck";
  EXPECT_EQ(errorOf(llvm::StringRef(Text).take_front(Text.size() - 20)), CutShort);
  std::string BadKind = Text;
  size_t At = BadKind.find("\"kind\":\"log\"");
  ASSERT_NE(At, std::string::npos);
  BadKind.replace(At, std::strlen("\"kind\":\"log\""), "\"kind\":\"fax\"");
  EXPECT_EQ(errorOf(BadKind), CutShort);

  EXPECT_EQ(errorOf("{\"format\": \"something-else\"}"),
            "build/summaries.json: not a policycheck summaries file (expected "
            "\"format\": \"policycheck-summaries\")");
  EXPECT_EQ(errorOf("").rfind("build/summaries.json: not a policycheck summaries file", 0),
            0u);

  std::string OtherVersion = Text;
  At = OtherVersion.find(std::string("\"policycheck\":\"") + Version);
  ASSERT_NE(At, std::string::npos);
  OtherVersion.replace(At, std::strlen("\"policycheck\":\"") + std::strlen(Version),
                       "\"policycheck\":\"0.0.1");
  EXPECT_EQ(errorOf(OtherVersion),
            std::string("build/summaries.json: written by policycheck 0.0.1, not by "
                        "this ") +
                Version + "; write it again with this version");

  // A line that is no entry, in a file whose hash matches.
  std::string Added = "build/summaries.json: line " +
                      std::to_string(std::count(Text.begin(), Text.end(), '\n') + 1);
  EXPECT_EQ(errorOf(rehashed(Text + "{\"kind\":\"function\"}\n")),
            Added + ": expected an entry {\"kind\": ..., \"key\": ...}");
  EXPECT_EQ(errorOf(rehashed(Text + "{\"kind\":\"fax\",\"key\":\"x\"}\n")),
            Added + ": unknown kind of entry 'fax'; expected function, overriders, field, "
                    "called or callers");

  // An entry is read when looked up: a malformed one, in a file whose hash
  // matches, is an error naming its line, and no summary.
  auto Read = parseSummaries(rehashed(BadKind), "build/summaries.json");
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  testing::internal::CaptureStderr();
  EXPECT_EQ(Read->function(Audit.Result.Exported.Functions.begin()->first), nullptr);
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "policycheck: error: build/summaries.json:2: malformed summary entry: expected "
            "http, sdk, storage, log, unresolved or cookie at entry.sinks[0].kind\n");

  ProgramSummaries ParamInField;
  ParamInField.Fields["c:@S@Reporter.body_"].Data.addParam({0, Protection(), ""});
  auto Fields = parseSummaries(written(ParamInField), "build/summaries.json");
  ASSERT_TRUE(bool(Fields)) << llvm::toString(Fields.takeError());
  testing::internal::CaptureStderr();
  EXPECT_EQ(Fields->field("c:@S@Reporter.body_"), nullptr);
  EXPECT_EQ(testing::internal::GetCapturedStderr(),
            "policycheck: error: build/summaries.json:2: malformed summary entry: expected "
            "facts only: a field's writes have no parameters at entry.data\n");

  auto Missing = readSummariesFile("/nonexistent/summaries.json");
  ASSERT_FALSE(bool(Missing));
  EXPECT_EQ(llvm::toString(Missing.takeError()),
            "cannot read summaries file /nonexistent/summaries.json: No such file "
            "or directory");
}

} // namespace
} // namespace policycheck::test
