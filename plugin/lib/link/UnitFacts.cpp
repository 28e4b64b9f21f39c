//===--- UnitFacts.cpp - One translation unit's outcome as JSON -----------===//
#include "policycheck/UnitFacts.h"

#include "policycheck/Judge.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/JSON.h"

#include <set>

namespace policycheck {

namespace json = llvm::json;

std::string entryText(const ProgramSummaries &Linked, llvm::StringRef Entry) {
  std::string Key = Entry.drop_front(2).str();
  switch (Entry.front()) {
  case 'o':
    return Linked.overridersText(Key);
  case 'd':
    return Linked.fieldText(Key);
  case 'c':
    return Linked.calledText(Key);
  case 'k':
    return Linked.callersText(Key);
  default:
    return Linked.functionText(Key);
  }
}

UnitFacts unitFactsOf(const AnalysisResult &Result, const clang::SourceManager &SM,
                      const Knowledge &K, const ProgramSummaries *Linked) {
  UnitFacts Out;
  Judge J(*K.ThePolicy, K.Hosts);
  Out.Findings = toRecords(Result.Findings, SM);
  for (const FlowEvent &E : Result.Flows)
    for (FlowRecord &R : toFlowRecords(E, J, SM))
      Out.Flows.push_back(std::move(R));
  for (const ConsentCheckCall &C : Result.ConsentChecks)
    Out.ConsentChecks.push_back({C.Check, C.Called, C.Function, positionOf(SM, C.Location)});
  for (const AnalysisError &E : Result.Errors) {
    PositionRecord P = positionOf(SM, E.Location);
    Out.Errors.push_back((P.valid() ? P.File + ":" + std::to_string(P.Line) + ":" +
                                          std::to_string(P.Column) + ": "
                                    : std::string()) +
                         "error: " + E.Message);
  }
  Out.Exported = Result.Exported;
  static const ProgramSummaries Nothing;
  for (const std::string &Entry : Result.LookedUp)
    Out.Seen.emplace(Entry, entryText(Linked ? *Linked : Nothing, Entry));
  std::set<std::string> Inputs;
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    llvm::StringRef Real = It->getFirst()->tryGetRealPathName();
    Inputs.insert(Real.empty() ? It->getFirst()->getName().str() : Real.str());
  }
  Out.Inputs.assign(Inputs.begin(), Inputs.end());
  return Out;
}

void UnitFacts::merge(UnitFacts Other) {
  Findings.insert(Findings.end(), Other.Findings.begin(), Other.Findings.end());
  Flows.insert(Flows.end(), Other.Flows.begin(), Other.Flows.end());
  ConsentChecks.insert(ConsentChecks.end(), Other.ConsentChecks.begin(),
                       Other.ConsentChecks.end());
  Errors.insert(Errors.end(), Other.Errors.begin(), Other.Errors.end());
  Exported.merge(Other.Exported);
  for (auto &[Entry, Text] : Other.Seen)
    Seen.emplace(Entry, Text);
  std::set<std::string> All(Inputs.begin(), Inputs.end());
  All.insert(Other.Inputs.begin(), Other.Inputs.end());
  Inputs.assign(All.begin(), All.end());
  CompileFailed |= Other.CompileFailed;
}

ProgramSummaries linkSummaries(const std::vector<UnitFacts> &Units) {
  ProgramSummaries Linked;
  for (const UnitFacts &U : Units)
    Linked.merge(U.Exported);
  return Linked;
}

bool UnitFacts::isCurrent(const ProgramSummaries &Linked) const {
  for (const auto &[Entry, Text] : Seen)
    if (entryText(Linked, Entry) != Text)
      return false;
  return true;
}

namespace {

json::Value position(const PositionRecord &P) {
  return json::Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

bool readPosition(const json::Object *O, PositionRecord &P) {
  if (!O)
    return false;
  auto File = O->getString("file");
  auto Line = O->getInteger("line");
  auto Column = O->getInteger("column");
  if (!File || !Line || !Column)
    return false;
  P = {File->str(), unsigned(*Line), unsigned(*Column)};
  return true;
}

} // namespace

llvm::json::Value unitFactsToJson(const UnitFacts &U) {
  json::Array Findings, Flows, ConsentChecks, Errors;
  for (const FindingRecord &F : U.Findings) {
    json::Array Notes;
    for (const NoteRecord &N : F.Notes)
      Notes.push_back(json::Object{{"at", position(N.Position)},
                                   {"message", N.Message},
                                   {"kind", noteKindName(N.Kind)}});
    Findings.push_back(json::Object{{"check", checkInfo(F.Check).Name},
                                    {"at", position(F.Position)},
                                    {"message", F.Message},
                                    {"category", F.Category},
                                    {"destination", F.Destination},
                                    {"function", F.Function},
                                    {"fingerprint", F.Fingerprint},
                                    {"lineHash", F.LineHash},
                                    {"notes", std::move(Notes)}});
  }
  for (const FlowRecord &F : U.Flows)
    Flows.push_back(json::Object{{"category", F.Category},
                                 {"destinationId", F.DestinationId},
                                 {"destination", F.Destination},
                                 {"via", F.Via},
                                 {"at", position(F.Position)},
                                 {"protected", F.Protected}});
  for (const ConsentCheckRecord &C : U.ConsentChecks)
    ConsentChecks.push_back(json::Object{{"check", C.Check},
                                         {"called", C.Called},
                                         {"function", C.Function},
                                         {"at", position(C.Position)}});
  for (const std::string &E : U.Errors)
    Errors.push_back(E);
  json::Object Seen;
  for (const auto &[Entry, Text] : U.Seen)
    Seen[Entry] = Text;
  return json::Object{{"findings", std::move(Findings)},
                      {"flows", std::move(Flows)},
                      {"consentChecks", std::move(ConsentChecks)},
                      {"errors", std::move(Errors)},
                      {"exported", summariesToJson(U.Exported)},
                      {"seen", std::move(Seen)}};
}

bool unitFactsFromJson(const llvm::json::Object &O, UnitFacts &U) {
  const json::Array *Findings = O.getArray("findings");
  const json::Array *Flows = O.getArray("flows");
  const json::Array *ConsentChecks = O.getArray("consentChecks");
  const json::Array *Errors = O.getArray("errors");
  const json::Object *Seen = O.getObject("seen");
  const json::Value *Exported = O.get("exported");
  if (!Findings || !Flows || !ConsentChecks || !Errors || !Seen || !Exported)
    return false;
  for (const json::Value &V : *Findings) {
    const json::Object *F = V.getAsObject();
    FindingRecord R;
    auto Check = F ? F->getString("check") : llvm::None;
    auto Kind = Check ? parseCheckName(*Check) : std::nullopt;
    auto Message = F ? F->getString("message") : llvm::None;
    auto Category = F ? F->getString("category") : llvm::None;
    auto Destination = F ? F->getString("destination") : llvm::None;
    auto Function = F ? F->getString("function") : llvm::None;
    auto Fingerprint = F ? F->getString("fingerprint") : llvm::None;
    auto LineHash = F ? F->getString("lineHash") : llvm::None;
    const json::Array *Notes = F ? F->getArray("notes") : nullptr;
    if (!Kind || !Message || !Category || !Destination || !Function || !Fingerprint ||
        !LineHash ||
        !Notes || !readPosition(F->getObject("at"), R.Position))
      return false;
    R.Check = *Kind;
    R.Message = Message->str();
    R.Category = Category->str();
    R.Destination = Destination->str();
    R.Function = Function->str();
    R.Fingerprint = Fingerprint->str();
    R.LineHash = LineHash->str();
    for (const json::Value &NV : *Notes) {
      const json::Object *N = NV.getAsObject();
      NoteRecord Note;
      auto Text = N ? N->getString("message") : llvm::None;
      auto KindName = N ? N->getString("kind") : llvm::None;
      auto NoteKindRead = KindName ? parseNoteKind(*KindName) : std::nullopt;
      if (!Text || !NoteKindRead || !readPosition(N->getObject("at"), Note.Position))
        return false;
      Note.Message = Text->str();
      Note.Kind = *NoteKindRead;
      R.Notes.push_back(std::move(Note));
    }
    U.Findings.push_back(std::move(R));
  }
  for (const json::Value &V : *Flows) {
    const json::Object *F = V.getAsObject();
    FlowRecord R;
    auto Category = F ? F->getString("category") : llvm::None;
    auto Id = F ? F->getString("destinationId") : llvm::None;
    auto Destination = F ? F->getString("destination") : llvm::None;
    auto Via = F ? F->getString("via") : llvm::None;
    auto Protected = F ? F->getBoolean("protected") : llvm::None;
    if (!Category || !Id || !Destination || !Via || !Protected ||
        !readPosition(F->getObject("at"), R.Position))
      return false;
    R = {Category->str(), Id->str(), Destination->str(), Via->str(), R.Position,
         *Protected};
    U.Flows.push_back(std::move(R));
  }
  for (const json::Value &V : *ConsentChecks) {
    const json::Object *C = V.getAsObject();
    ConsentCheckRecord R;
    auto Check = C ? C->getString("check") : llvm::None;
    auto Called = C ? C->getString("called") : llvm::None;
    auto Function = C ? C->getString("function") : llvm::None;
    if (!Check || !Called || !Function || !readPosition(C->getObject("at"), R.Position))
      return false;
    R.Check = Check->str();
    R.Called = Called->str();
    R.Function = Function->str();
    U.ConsentChecks.push_back(std::move(R));
  }
  for (const json::Value &V : *Errors) {
    auto Text = V.getAsString();
    if (!Text)
      return false;
    U.Errors.push_back(Text->str());
  }
  for (const auto &[Entry, Text] : *Seen) {
    auto T = Text.getAsString();
    if (!T)
      return false;
    U.Seen[Entry.str()] = T->str();
  }
  std::string Error;
  return summariesFromJson(*Exported, U.Exported, Error);
}


} // namespace policycheck
