//===--- Baseline.cpp - The findings a code base already had --------------===//
#include "Baseline.h"
#include "OutputFormats.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace policycheck::tool {

namespace json = llvm::json;

static constexpr const char *FormatName = "policycheck-baseline";
static constexpr int64_t FormatRevision = 1;

bool BaselineFlow::operator<(const BaselineFlow &O) const {
  return std::tie(File, Category, DestinationId, Destination) <
         std::tie(O.File, O.Category, O.DestinationId, O.Destination);
}

bool BaselineFlow::operator==(const BaselineFlow &O) const {
  return !(*this < O) && !(O < *this);
}

static BaselineFlow flowOf(const FlowRecord &F) {
  return {F.Category, F.DestinationId, F.Destination, relativePath(F.Position.File)};
}

/// The data map's flows that carry data, each once, sorted.
static std::vector<BaselineFlow> flowsOf(const std::vector<FlowRecord> &Flows) {
  std::vector<BaselineFlow> Out;
  for (const FlowRecord &F : Flows)
    if (!F.Category.empty())
      Out.push_back(flowOf(F));
  std::sort(Out.begin(), Out.end());
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

FlowChanges flowChanges(const std::vector<BaselineFlow> &Before,
                        const std::vector<FlowRecord> &Now) {
  FlowChanges Out;
  std::set<BaselineFlow> Had(Before.begin(), Before.end()), Seen;
  std::vector<FlowRecord> Sorted = Now;
  std::sort(Sorted.begin(), Sorted.end());
  for (const FlowRecord &F : Sorted) {
    if (F.Category.empty())
      continue;
    BaselineFlow B = flowOf(F);
    if (!Had.count(B) && Seen.insert(B).second)
      Out.New.push_back({B, F.Position});
  }
  std::vector<BaselineFlow> Current = flowsOf(Now);
  for (const BaselineFlow &B : Before)
    if (!std::binary_search(Current.begin(), Current.end(), B))
      Out.Removed.push_back(B);
  return Out;
}

static json::Object toJson(const BaselineFlow &F) {
  return json::Object{{"category", F.Category},
                      {"destinationId", F.DestinationId},
                      {"destination", F.Destination},
                      {"file", F.File}};
}

llvm::json::Object flowChangesJson(const FlowChanges &C) {
  json::Array New, Removed;
  for (const auto &[F, At] : C.New) {
    json::Object O = toJson(F);
    O["line"] = At.Line;
    New.push_back(std::move(O));
  }
  for (const BaselineFlow &F : C.Removed)
    Removed.push_back(toJson(F));
  return json::Object{{"flowChanges", json::Object{{"new", std::move(New)},
                                                   {"removed", std::move(Removed)}}}};
}

void writeBaseline(const std::vector<FindingRecord> &Records,
                   const std::vector<FlowRecord> &FlowRecords, llvm::raw_ostream &OS) {
  std::vector<BaselineEntry> Entries;
  for (const FindingRecord &R : Records)
    Entries.push_back({R.Fingerprint, checkInfo(R.Check).Name.str(),
                       relativePath(R.Position.File), R.Function, R.Category,
                       R.Destination});
  // Sorted by what a reviewer reads, so that a change to the file is a
  // readable diff.
  std::sort(Entries.begin(), Entries.end(), [](const BaselineEntry &A, const BaselineEntry &B) {
    return std::tie(A.File, A.Function, A.Check, A.Category, A.Destination, A.Fingerprint) <
           std::tie(B.File, B.Function, B.Check, B.Category, B.Destination, B.Fingerprint);
  });
  json::Array Findings;
  for (const BaselineEntry &E : Entries)
    Findings.push_back(json::Object{{"fingerprint", E.Fingerprint},
                                    {"check", E.Check},
                                    {"file", E.File},
                                    {"function", E.Function},
                                    {"category", E.Category},
                                    {"destination", E.Destination}});
  json::Array Flows;
  for (const BaselineFlow &F : flowsOf(FlowRecords))
    Flows.push_back(toJson(F));
  OS << llvm::formatv("{0:2}", json::Value(json::Object{{"format", FormatName},
                                                        {"revision", FormatRevision},
                                                        {"findings", std::move(Findings)},
                                                        {"flows", std::move(Flows)}}))
     << "\n";
}

static bool fromJSON(const json::Value &V, BaselineEntry &E, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!O || !O.map("fingerprint", E.Fingerprint) || !O.map("check", E.Check) ||
      !O.map("file", E.File) || !O.map("function", E.Function) ||
      !O.map("category", E.Category) || !O.map("destination", E.Destination))
    return false;
  if (E.Fingerprint.empty()) {
    P.field("fingerprint").report("expected a finding's fingerprint");
    return false;
  }
  return true;
}

static bool fromJSON(const json::Value &V, BaselineFlow &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("category", F.Category) && O.map("destinationId", F.DestinationId) &&
         O.map("destination", F.Destination) && O.map("file", F.File);
}

llvm::Expected<Baseline> readBaseline(llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Path + ": " + Why);
  };
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return Fail("cannot read the baseline: " + Buffer.getError().message());
  llvm::Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Fail("not a policycheck baseline (" + llvm::toString(Parsed.takeError()) +
                ")");
  const json::Object *Top = Parsed->getAsObject();
  if (!Top || Top->getString("format") != llvm::StringRef(FormatName))
    return Fail(llvm::Twine("not a policycheck baseline (expected \"format\": \"") +
                FormatName + "\")");
  if (Top->getInteger("revision") != FormatRevision)
    return Fail("a baseline of another revision; write it again with --write-baseline");
  Baseline B;
  json::Path::Root Root("baseline");
  json::ObjectMapper O(*Parsed, Root);
  if (!O.map("findings", B.Findings) || !O.map("flows", B.Flows))
    return Fail("malformed baseline: " + llvm::toString(Root.getError()));
  std::sort(B.Flows.begin(), B.Flows.end());
  return B;
}

std::vector<BaselineEntry> applyBaseline(const std::vector<BaselineEntry> &Baseline,
                                         std::vector<FindingRecord> &Records) {
  std::set<std::string> Known, Found;
  for (const BaselineEntry &E : Baseline)
    Known.insert(E.Fingerprint);
  std::vector<FindingRecord> New;
  for (FindingRecord &R : Records) {
    if (Known.count(R.Fingerprint)) {
      Found.insert(R.Fingerprint);
      continue;
    }
    New.push_back(std::move(R));
  }
  Records = std::move(New);
  std::vector<BaselineEntry> Fixed;
  for (const BaselineEntry &E : Baseline)
    if (!Found.count(E.Fingerprint))
      Fixed.push_back(E);
  return Fixed;
}

} // namespace policycheck::tool
