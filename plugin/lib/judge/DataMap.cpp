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

static void normalize(std::vector<FlowRecord> &Flows) {
  std::sort(Flows.begin(), Flows.end());
  Flows.erase(std::unique(Flows.begin(), Flows.end()), Flows.end());
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

void printDataMapMarkdown(std::vector<FlowRecord> Flows, llvm::StringRef Service,
                          llvm::raw_ostream &OS) {
  normalize(Flows);
  OS << "# Data map of " << Service << "\n\n"
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
}

void printDataMapJson(std::vector<FlowRecord> Flows, llvm::StringRef Service,
                      llvm::raw_ostream &OS) {
  normalize(Flows);
  llvm::json::Array Items;
  for (const FlowRecord &F : Flows)
    Items.push_back(llvm::json::Object{
        {"category", F.Category},
        {"destination", F.DestinationId},
        {"destination_text", F.Destination},
        {"via", F.Via},
        {"protected", F.Protected},
        {"unresolved", F.DestinationId == "unresolved"},
        {"location", llvm::json::Object{{"file", F.Position.File},
                                        {"line", F.Position.Line},
                                        {"column", F.Position.Column}}}});
  OS << llvm::formatv("{0:2}", llvm::json::Value(llvm::json::Object{
                                   {"service", Service},
                                   {"flows", std::move(Items)}}))
     << "\n";
}

} // namespace policycheck
