//===--- ConsentTest.cpp - privacy-consent guards -------------------------===//
//
// A PostHog call, or an analytics cookie, must run where the policy's consent
// check was found true: in the function itself (if, early return, &&, ?:, a
// bool holding the result, negation) or in every caller on the way. Each
// line the check must report carries `// unguarded`.
//
//===----------------------------------------------------------------------===//
#include "EngineTestSupport.h"

#include "policycheck/DataMap.h"
#include "policycheck/UnitFacts.h"

#include "llvm/ADT/StringExtras.h"

using namespace policycheck;
using namespace policycheck::test;

namespace {

const char *ConsentPolicy = R"(version: 1
service: Test
categories:
  user.behavior: {}
vendors:
  posthog:
    name: PostHog
    hosts: [app.posthog.com]
    receives: [user.behavior]
cookies:
  "ph_*": {purpose: analytics}
  session: {purpose: essential}
consent:
  analytics:
    default: off
    vendors: [posthog]
    cookies: ["ph_*"]
    check: "app::Consent::analytics_allowed"
code:
  sinks:
    - {function: "app::send", vendor: posthog}
)";

const char *Prelude = R"cpp(#include <httplib.h>
#include <string>
namespace app { struct Consent { bool analytics_allowed() const; }; }
// Each use is a call to PostHog of its own.
#define CAPTURE(event) \
  bool(httplib::Client("https://app.posthog.com").Post("/capture/", event, "application/json"))
)cpp";

/// The privacy-consent findings of the prelude and \p Code, and the lines
/// of \p Code marked `// unguarded`, both as `LINE: privacy-consent - DEST`.
std::pair<Findings, Findings> consent(const std::string &Code,
                                      const std::string &Destination = "posthog") {
  std::string Whole = std::string(Prelude) + Code;
  Findings Got, Expected;
  for (std::string &F : findingsFor(Whole, ConsentPolicy))
    if (F.find("privacy-consent") != std::string::npos)
      Got.push_back(std::move(F));
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  llvm::StringRef(Whole).split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I)
    if (Lines[I].contains("// unguarded"))
      Expected.push_back(std::to_string(I + 1) + ": privacy-consent - " + Destination);
  return {Got, Expected};
}

} // namespace

TEST(ConsentTest, GuardsInTheSameFunction) {
  auto [Got, Expected] = consent(R"cpp(
void guarded(const app::Consent& c, const std::string& page_view) {
  if (c.analytics_allowed())
    CAPTURE(page_view);
  if (c.analytics_allowed()) {
    CAPTURE(page_view);
  } else {
    CAPTURE(page_view); // unguarded
  }
  if (!c.analytics_allowed())
    return;
  CAPTURE(page_view);
}
void shortcuts(const app::Consent& c, const std::string& page_view) {
  (void)(c.analytics_allowed() && CAPTURE(page_view));
  (void)(c.analytics_allowed() ? CAPTURE(page_view) : false);
  (void)(!c.analytics_allowed() ? false : CAPTURE(page_view));
  const bool ok = c.analytics_allowed();
  if (ok == true)
    CAPTURE(page_view);
  bool off = !c.analytics_allowed();
  if (off) {
    return;
  }
  CAPTURE(page_view);
}
void loops(const app::Consent& c, const std::string& page_view) {
  for (int i = 0; i < 3; ++i) {
    if (!c.analytics_allowed())
      continue;
    CAPTURE(page_view);
  }
  CAPTURE(page_view); // unguarded
}
void unguarded(const app::Consent& c, const std::string& page_view) {
  if (c.analytics_allowed()) {
  }
  CAPTURE(page_view); // unguarded
  if (!c.analytics_allowed())
    CAPTURE(page_view); // unguarded
  (void)(c.analytics_allowed() || CAPTURE(page_view)); // unguarded
}
)cpp");
  ASSERT_EQ(Expected.size(), 5u); // the marks are read
  EXPECT_EQ(Got, Expected);
}

TEST(ConsentTest, GuardsInTheCallers) {
  // `track` has no guard of its own: every caller's counts. One caller
  // guarding is not enough when another does not.
  auto [Got, Expected] = consent(R"cpp(
void track(const std::string& event) { CAPTURE(event); }
void on_click(const app::Consent& c, const std::string& click_event) {
  if (c.analytics_allowed())
    track(click_event);
}
void on_view(const app::Consent& c, const std::string& page_view) {
  if (!c.analytics_allowed()) return;
  track(page_view);
}
void report(const std::string& event) { CAPTURE(event); } // unguarded
void guarded_caller(const app::Consent& c) {
  if (c.analytics_allowed())
    report("opened");
}
void unguarded_caller() { report("closed"); }
void deep(const std::string& event) { CAPTURE(event); }
void middle(const std::string& event) { deep(event); }
void top(const app::Consent& c) {
  if (c.analytics_allowed()) middle("x");
}
)cpp");
  ASSERT_EQ(Expected.size(), 1u); // the marks are read
  EXPECT_EQ(Got, Expected);
}

TEST(ConsentTest, AnEntryPointWithNoGuardIsAFinding) {
  auto [Got, Expected] = consent(R"cpp(
int main() {
  CAPTURE("started"); // unguarded
}
)cpp");
  ASSERT_EQ(Expected.size(), 1u); // the marks are read
  EXPECT_EQ(Got, Expected);
}

TEST(ConsentTest, CookiesTheEntryCoversNeedTheGuard) {
  auto [Got, Expected] = consent(R"cpp(
void set(httplib::Response& res, const app::Consent& c) {
  res.set_header("Set-Cookie", "session=1");
  if (c.analytics_allowed())
    res.set_header("Set-Cookie", "ph_id=1");
  res.set_header("Set-Cookie", "ph_id=2"); // unguarded
  if (!c.analytics_allowed())
    res.set_header("Set-Cookie", "ph_id=; Max-Age=0"); // an opt-out clears it
}
)cpp",
                                 "cookie:ph_id");
  ASSERT_EQ(Expected.size(), 1u); // the marks are read
  EXPECT_EQ(Got, Expected);
}

TEST(ConsentTest, ALambdaRunsWhereItIsCalled) {
  // A route's handler runs later, whatever was checked where it was
  // registered; its own early return ends only it. A lambda given to a
  // standard algorithm, or called where it is written, runs under the guard.
  auto [Got, Expected] = consent(R"cpp(
#include <algorithm>
#include <vector>
void routes(httplib::Server& s, const app::Consent& c) {
  s.Get("/a", [&c](const httplib::Request&, httplib::Response&) {
    if (!c.analytics_allowed())
      return;
    CAPTURE("a");
  });
  s.Get("/b", [](const httplib::Request&, httplib::Response&) {
    CAPTURE("b"); // unguarded
  });
  if (c.analytics_allowed())
    s.Get("/c", [](const httplib::Request&, httplib::Response&) {
      CAPTURE("c"); // unguarded
    });
}
void batch(const app::Consent& c, const std::vector<std::string>& events) {
  if (!c.analytics_allowed())
    return;
  std::for_each(events.begin(), events.end(), [](const std::string& e) { CAPTURE(e); });
  [&] { CAPTURE("batch"); }();
}
)cpp");
  ASSERT_EQ(Expected.size(), 2u); // the marks are read
  EXPECT_EQ(Got, Expected);
}

TEST(ConsentTest, ACodeModelledSinkStillHasItsCallers) {
  // `app::send` is a `code: sinks` vendor function of the policy whose body
  // is here too: its callers' guards count for the call in its body.
  auto [Got, Expected] = consent(R"cpp(
namespace app {
void send(const std::string& e) { CAPTURE(e); }
}
void caller(const app::Consent& c) {
  if (c.analytics_allowed())
    app::send("x");
}
)cpp");
  ASSERT_EQ(Expected.size(), 0u);
  EXPECT_EQ(Got, Expected);
}

TEST(ConsentTest, TheDataMapListsWhereEachCheckIsCalled) {
  // The reviewer who signs the policy sees where the code asks before it
  // shares: every call of the check, guard or not, through the facts a
  // build writes (the JSON round trip `policycheck link` reads).
  std::string Code = std::string(Prelude) + R"cpp(
namespace app {
void page(const Consent& c, const std::string& page_view) {
  if (c.analytics_allowed())
    CAPTURE(page_view);
}
bool remember(const Consent& c) {
  bool allowed = c.analytics_allowed();
  return allowed;
}
}
)cpp";
  auto Loaded = parsePolicy(ConsentPolicy, "privacy-policy.yaml");
  ASSERT_TRUE(bool(Loaded)) << llvm::toString(Loaded.takeError());
  Knowledge K(*Loaded);
  std::unique_ptr<clang::ASTUnit> AST = clang::tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++17", "-resource-dir=" POLICYCHECK_CLANG_RESOURCE_DIR, "-Wno-everything"},
      "input.cpp");
  ASSERT_TRUE(AST && !AST->getDiagnostics().hasErrorOccurred());
  AnalysisResult Result = analyzeTranslationUnit(AST->getASTContext(), K);
  UnitFacts Facts = unitFactsOf(Result, AST->getSourceManager(), K, nullptr);
  UnitFacts Read;
  llvm::json::Value Json = unitFactsToJson(Facts);
  ASSERT_TRUE(unitFactsFromJson(*Json.getAsObject(), Read));
  ASSERT_EQ(Read.ConsentChecks.size(), 2u);
  EXPECT_EQ(Read.ConsentChecks[0].Called, "app::Consent::analytics_allowed");
  EXPECT_EQ(Read.ConsentChecks[0].Function, "app::page");
  EXPECT_EQ(Read.ConsentChecks[1].Function, "app::remember");

  std::string Markdown;
  llvm::raw_string_ostream OS(Markdown);
  printDataMapMarkdown({Read.Flows, Read.ConsentChecks}, **Loaded, OS);
  EXPECT_NE(OS.str().find("## Consent checks\n\n- `app::Consent::analytics_allowed` "
                          "(consent entry `analytics`, for PostHog and the cookie ph_*): "
                          "called at input.cpp:10 in `app::page`, input.cpp:14 in "
                          "`app::remember`\n"),
            std::string::npos)
      << OS.str();
}

TEST(ConsentTest, TheDataMapSaysWhenACheckIsNeverCalled) {
  auto Loaded = parsePolicy(ConsentPolicy, "privacy-policy.yaml");
  ASSERT_TRUE(bool(Loaded)) << llvm::toString(Loaded.takeError());
  std::string Json;
  llvm::raw_string_ostream OS(Json);
  printDataMapJson({}, **Loaded, OS);
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(OS.str());
  ASSERT_TRUE(bool(Parsed));
  const llvm::json::Array *Consent = Parsed->getAsObject()->getArray("consent");
  ASSERT_TRUE(Consent && Consent->size() == 1);
  const llvm::json::Object *Entry = (*Consent)[0].getAsObject();
  EXPECT_EQ(Entry->getString("entry"), llvm::Optional<llvm::StringRef>("analytics"));
  EXPECT_EQ(Entry->getArray("calls")->size(), 0u);

  std::string Markdown;
  llvm::raw_string_ostream MD(Markdown);
  printDataMapMarkdown({}, **Loaded, MD);
  EXPECT_NE(MD.str().find("never called: every use it covers is unguarded"), std::string::npos);
}
