//===--- DataMap.cpp - Every flow, category by destination ----------------===//
#include "policycheck/DataMap.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace policycheck {

bool FlowRecord::operator<(const FlowRecord &O) const {
  return std::tie(Category, DestinationId, Position, Via) <
         std::tie(O.Category, O.DestinationId, O.Position, O.Via);
}

bool FlowRecord::operator==(const FlowRecord &O) const {
  return Category == O.Category && DestinationId == O.DestinationId &&
         Position == O.Position && Via == O.Via;
}

bool ConsentCheckRecord::operator<(const ConsentCheckRecord &O) const {
  return std::tie(Check, Position, Called, Function) <
         std::tie(O.Check, O.Position, O.Called, O.Function);
}

bool ConsentCheckRecord::operator==(const ConsentCheckRecord &O) const {
  return Check == O.Check && Position == O.Position && Called == O.Called &&
         Function == O.Function;
}

std::vector<FlowRecord> toFlowRecords(const FlowEvent &Event, const Judge &J,
                                      const clang::SourceManager &SM) {
  FlowRecord Base;
  Base.DestinationId = J.destinationId(Event.Target);
  Base.Destination = J.describeDestination(Event.Target);
  Base.Via = Event.Target.Via;
  clang::PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(Event.Location));
  if (P.isValid())
    Base.Position = {P.getFilename(), P.getLine(), P.getColumn()};
  std::vector<FlowRecord> Records;
  auto AddFacts = [&] {
    for (const DataFact &F : Event.Facts) {
      FlowRecord R = Base;
      R.Category = F.Category;
      R.Protected = F.Protected.Hashed || F.Protected.Encrypted;
      Records.push_back(std::move(R));
    }
  };
  if (Event.Target.Kind == DestinationKind::Cookie) {
    // The cookie itself, where it is set, and what its value holds.
    if (!Event.ReportVendor)
      return Records;
    Records.push_back(Base);
    AddFacts();
    return Records;
  }
  if (!Event.ReportCategories || Event.Facts.empty()) {
    // The request itself still reaches its destination.
    if (Event.ReportVendor && (Event.Target.Kind == DestinationKind::Http ||
                               Event.Target.Kind == DestinationKind::Sdk ||
                               Event.Target.Kind == DestinationKind::Unresolved))
      Records.push_back(Base);
    return Records;
  }
  AddFacts();
  return Records;
}

template <typename Record> static void normalize(std::vector<Record> &Records) {
  std::sort(Records.begin(), Records.end());
  Records.erase(std::unique(Records.begin(), Records.end()), Records.end());
}

static void normalize(DataMapFacts &Facts) {
  normalize(Facts.Flows);
  normalize(Facts.ConsentChecks);
}

/// What a consent entry covers, in words: "PostHog and the cookie ph_*".
static std::string coveredBy(const ConsentRule &Rule, const Policy &ThePolicy) {
  std::vector<std::string> Parts;
  for (const std::string &Id : Rule.Vendors) {
    const Vendor *V = ThePolicy.vendor(Id);
    Parts.push_back(V && !V->Name.empty() ? V->Name : Id);
  }
  for (const std::string &Cookie : Rule.Cookies)
    Parts.push_back("the cookie " + Cookie);
  std::string Out;
  for (size_t I = 0; I < Parts.size(); ++I)
    Out += (I == 0 ? "" : I + 1 == Parts.size() ? " and " : ", ") + Parts[I];
  return Out;
}

static std::string place(const PositionRecord &P) {
  return P.File + ":" + std::to_string(P.Line);
}

static bool isCookie(const FlowRecord &F) {
  return llvm::StringRef(F.DestinationId).startswith("cookie");
}

/// Each cookie set, with its attributes and what it holds, where it is set.
static void printCookies(const std::vector<FlowRecord> &Flows, llvm::raw_ostream &OS) {
  OS << "\n## Cookies\n\n";
  std::map<std::pair<std::string, std::string>, std::vector<const FlowRecord *>> Sets;
  for (const FlowRecord &F : Flows)
    if (isCookie(F))
      Sets[{place(F.Position), F.Destination}].push_back(&F);
  if (Sets.empty()) {
    OS << "None.\n";
    return;
  }
  for (const auto &[Key, Members] : Sets) {
    std::string Holds;
    for (const FlowRecord *F : Members)
      if (!F->Category.empty())
        Holds += (Holds.empty() ? "" : ", ") + F->Category;
    OS << "- " << Key.second << ", set at " << Key.first << " by "
       << Members.front()->Via
       << (Holds.empty() ? std::string() : "; holds " + Holds) << "\n";
  }
}

/// Each consent entry's check and every place it is called: where the code
/// asks before it shares. An entry whose check is never called guards
/// nothing.
static void printConsentChecks(const std::vector<ConsentCheckRecord> &Calls,
                               const Policy &ThePolicy, llvm::raw_ostream &OS) {
  OS << "\n## Consent checks\n\n";
  if (ThePolicy.consent().empty()) {
    OS << "The policy has no consent entries.\n";
    return;
  }
  for (const ConsentRule &Rule : ThePolicy.consent()) {
    OS << "- `" << Rule.Check << "` (consent entry `" << Rule.Id << "`, for "
       << coveredBy(Rule, ThePolicy) << "): ";
    std::string Where;
    size_t Count = 0;
    for (const ConsentCheckRecord &C : Calls)
      if (C.Check == Rule.Check)
        Where += std::string(Count++ ? ", " : "called at ") + place(C.Position) +
                 (C.Function.empty() ? "" : " in `" + C.Function + "`");
    OS << (Count ? Where : "never called: every use it covers is unguarded") << "\n";
  }
}

void printDataMapMarkdown(DataMapFacts Facts, const Policy &ThePolicy,
                          llvm::raw_ostream &OS) {
  normalize(Facts);
  const std::vector<FlowRecord> &Flows = Facts.Flows;
  OS << "# Data map of " << ThePolicy.service() << "\n\n"
     << "Every flow of personal data policycheck found, by category and "
        "destination.\n\n"
     << "| category | destination | flows | where |\n"
     << "|---|---|---|---|\n";
  std::map<std::pair<std::string, std::string>, std::vector<const FlowRecord *>> Groups;
  for (const FlowRecord &F : Flows)
    if (F.DestinationId != "unresolved" && !isCookie(F))
      Groups[{F.Category.empty() ? "(the request itself)" : F.Category,
              F.Destination}]
          .push_back(&F);
  for (const auto &[Key, Members] : Groups) {
    std::string Where;
    for (size_t I = 0; I < Members.size() && I < 5; ++I)
      Where += (I ? ", " : "") + place(Members[I]->Position);
    if (Members.size() > 5)
      Where += ", and " + std::to_string(Members.size() - 5) + " more";
    OS << "| " << Key.first << " | " << Key.second << " | " << Members.size()
       << " | " << Where << " |\n";
  }
  OS << "\n## Destinations known only at run time\n\n";
  bool Any = false;
  for (const FlowRecord &F : Flows)
    if (F.DestinationId == "unresolved") {
      Any = true;
      OS << "- " << place(F.Position) << ": " << F.Via << " sends "
         << (F.Category.empty() ? std::string("a request") : F.Category) << "\n";
    }
  if (!Any)
    OS << "None.\n";
  printCookies(Flows, OS);
  printConsentChecks(Facts.ConsentChecks, ThePolicy, OS);
}

static llvm::json::Object location(const PositionRecord &P) {
  return llvm::json::Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

void printDataMapJson(DataMapFacts Facts, const Policy &ThePolicy, llvm::raw_ostream &OS) {
  normalize(Facts);
  llvm::json::Array Items;
  for (const FlowRecord &F : Facts.Flows)
    Items.push_back(llvm::json::Object{
        {"category", F.Category},
        {"destination", F.DestinationId},
        {"destination_text", F.Destination},
        {"via", F.Via},
        {"protected", F.Protected},
        {"unresolved", F.DestinationId == "unresolved"},
        {"location", location(F.Position)}});
  llvm::json::Array Consent;
  for (const ConsentRule &Rule : ThePolicy.consent()) {
    llvm::json::Array Calls;
    for (const ConsentCheckRecord &C : Facts.ConsentChecks)
      if (C.Check == Rule.Check)
        Calls.push_back(llvm::json::Object{{"called", C.Called},
                                           {"function", C.Function},
                                           {"location", location(C.Position)}});
    Consent.push_back(llvm::json::Object{{"entry", Rule.Id},
                                         {"check", Rule.Check},
                                         {"vendors", Rule.Vendors},
                                         {"cookies", Rule.Cookies},
                                         {"calls", std::move(Calls)}});
  }
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"service", ThePolicy.service()},
                                   {"flows", std::move(Items)},
                                   {"consent", std::move(Consent)}}))
     << "\n";
}

} // namespace policycheck
