//===--- OutputFormats.cpp - SARIF, GitHub annotations --------------------===//
#include "OutputFormats.h"

#include "policycheck/BuiltinData.h"
#include "policycheck/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

namespace policycheck::tool {

std::string relativePath(llvm::StringRef Path) {
  llvm::SmallString<256> Absolute(Path), Cwd;
  llvm::sys::fs::make_absolute(Absolute);
  llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  if (llvm::sys::fs::current_path(Cwd))
    return std::string(Absolute);
  llvm::StringRef A = Absolute;
  std::string Prefix = std::string(Cwd) + "/";
  if (A.startswith(Prefix))
    return A.drop_front(Prefix.size()).str();
  return std::string(Absolute);
}

namespace {

std::string uriOf(llvm::StringRef Path) {
  std::string Relative = relativePath(Path);
  std::string Uri;
  for (char C : Relative) {
    // Percent-encode what a URI reference may not hold as is.
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C))
      Uri += C;
    else
      Uri += llvm::formatv("%{0:X2}", static_cast<unsigned char>(C)).str();
  }
  return llvm::sys::path::is_absolute(Relative) ? "file://" + Uri : Uri;
}

llvm::json::Object artifactLocation(llvm::StringRef File) {
  llvm::json::Object Artifact{{"uri", uriOf(File)}};
  if (!llvm::sys::path::is_absolute(relativePath(File)))
    Artifact["uriBaseId"] = "%SRCROOT%";
  return Artifact;
}

llvm::json::Object physicalLocation(const PositionRecord &P) {
  return llvm::json::Object{
      {"artifactLocation", artifactLocation(P.File)},
      {"region", llvm::json::Object{{"startLine", P.Line},
                                    {"startColumn", std::max(1u, P.Column)}}}};
}

std::string ruleName(llvm::StringRef Check) {
  // privacy-vendor-category -> PrivacyVendorCategory
  std::string Name;
  bool Upper = true;
  for (char C : Check) {
    if (C == '-') {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

std::string escapeData(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '%') Out += "%25";
    else if (C == '\r') Out += "%0D";
    else if (C == '\n') Out += "%0A";
    else Out += C;
  }
  return Out;
}

std::string escapeProperty(llvm::StringRef S) {
  std::string Out;
  for (char C : escapeData(S)) {
    if (C == ':') Out += "%3A";
    else if (C == ',') Out += "%2C";
    else Out += C;
  }
  return Out;
}

llvm::json::Object threadFlowLocation(const PositionRecord &P, llvm::StringRef Message) {
  return llvm::json::Object{
      {"location", llvm::json::Object{{"physicalLocation", physicalLocation(P)},
                                      {"message", llvm::json::Object{{"text", Message}}}}}};
}

/// The paths from each source to the sink, for code scanning's "Show paths":
/// one thread flow per place the data comes from, through the finding's call
/// and the steps inside the functions it calls.
llvm::json::Array codeFlows(const FindingRecord &R) {
  std::vector<const NoteRecord *> Origins, Steps;
  for (const NoteRecord &N : R.Notes) {
    if (N.Position.File.empty() || N.Kind == NoteKind::Policy)
      continue;
    (N.Kind == NoteKind::Origin ? Origins : Steps).push_back(&N);
  }
  if (Origins.empty() && Steps.empty())
    return {};
  auto Flow = [&](const NoteRecord *Origin) {
    llvm::json::Array Locations;
    if (Origin)
      Locations.push_back(threadFlowLocation(Origin->Position, Origin->Message));
    Locations.push_back(threadFlowLocation(R.Position, R.Message));
    for (const NoteRecord *Step : Steps)
      Locations.push_back(threadFlowLocation(Step->Position, Step->Message));
    return llvm::json::Object{{"locations", std::move(Locations)}};
  };
  llvm::json::Array Threads;
  if (Origins.empty())
    Threads.push_back(Flow(nullptr));
  for (const NoteRecord *Origin : Origins)
    Threads.push_back(Flow(Origin));
  return llvm::json::Array{llvm::json::Object{{"threadFlows", std::move(Threads)}}};
}

} // namespace

void printSarif(const std::vector<FindingRecord> &Records, llvm::StringRef PolicyPath,
                llvm::raw_ostream &OS, llvm::json::Object Properties) {
  llvm::json::Array Rules;
  for (const CheckInfo &Info : allChecks()) {
    std::string Help = Info.Summary.str() + ". See docs/checks/" +
                       Info.Name.str() + ".md in policycheck.";
    // The check's page, shown by code scanning beside each alert.
    llvm::json::Object HelpObject{{"text", Help}};
    std::string Page = "docs/checks/" + Info.Name.str() + ".md";
    for (const builtin::DataFile &File : builtin::allDataFiles())
      if (Page == File.Name)
        HelpObject["markdown"] = File.Text;
    Rules.push_back(llvm::json::Object{
        {"id", Info.Name},
        {"name", ruleName(Info.Name)},
        {"shortDescription", llvm::json::Object{{"text", Info.Summary}}},
        {"fullDescription", llvm::json::Object{{"text", Info.Summary}}},
        {"help", std::move(HelpObject)},
        {"defaultConfiguration", llvm::json::Object{{"level", "warning"}}},
        {"properties", llvm::json::Object{{"tags", llvm::json::Array{"privacy"}}}}});
  }
  llvm::json::Array Results;
  for (const FindingRecord &R : Records) {
    llvm::json::Array Related;
    int Id = 1;
    for (const NoteRecord &N : R.Notes) {
      if (N.Position.File.empty())
        continue;
      Related.push_back(llvm::json::Object{
          {"id", Id++},
          {"physicalLocation", physicalLocation(N.Position)},
          {"message", llvm::json::Object{{"text", N.Message}}}});
    }
    llvm::json::Object Result{
        {"ruleId", checkInfo(R.Check).Name},
        {"ruleIndex", static_cast<int>(R.Check)},
        {"level", "warning"},
        {"message", llvm::json::Object{{"text", R.Message}}},
        {"locations", llvm::json::Array{llvm::json::Object{
                          {"physicalLocation", physicalLocation(R.Position)}}}}};
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    if (llvm::json::Array Flows = codeFlows(R); !Flows.empty())
      Result["codeFlows"] = std::move(Flows);
    // Our own fingerprint (contract section 7), and the line hash GitHub
    // matches alerts by, computed as its upload would.
    llvm::json::Object Fingerprints{{"policycheck/v1", R.Fingerprint}};
    if (!R.LineHash.empty())
      Fingerprints["primaryLocationLineHash"] = R.LineHash;
    Result["partialFingerprints"] = std::move(Fingerprints);
    Results.push_back(std::move(Result));
  }
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  llvm::json::Object Run{
      {"tool", llvm::json::Object{{"driver", llvm::json::Object{
                                                 {"name", "policycheck"},
                                                 {"version", Version},
                                                 {"semanticVersion", Version},
                                                 {"rules", std::move(Rules)}}}}},
      {"originalUriBaseIds",
       llvm::json::Object{{"%SRCROOT%",
                           llvm::json::Object{{"uri", "file://" + std::string(Cwd) + "/"}}}}},
      {"results", std::move(Results)},
      // The category code scanning files the alerts under.
      {"automationDetails", llvm::json::Object{{"id", "policycheck/"}}}};
  if (!Properties.empty())
    Run["properties"] = std::move(Properties);
  if (!PolicyPath.empty())
    Run["artifacts"] = llvm::json::Array{llvm::json::Object{
        {"location", artifactLocation(PolicyPath)},
        {"roles", llvm::json::Array{"policy"}}}};
  llvm::json::Object Log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", llvm::json::Array{std::move(Run)}}};
  OS << llvm::formatv("{0:2}", llvm::json::Value(std::move(Log))) << "\n";
}

void printGitHub(const std::vector<FindingRecord> &Records, llvm::raw_ostream &OS) {
  for (const FindingRecord &R : Records) {
    std::string Message = R.Message;
    for (const NoteRecord &N : R.Notes)
      Message += "\n" +
                 (N.Position.File.empty()
                      ? std::string()
                      : relativePath(N.Position.File) + ":" +
                            std::to_string(N.Position.Line) + ": ") +
                 N.Message;
    OS << "::warning file=" << escapeProperty(relativePath(R.Position.File))
       << ",line=" << R.Position.Line << ",col=" << R.Position.Column
       << ",title=" << escapeProperty(checkInfo(R.Check).Name) << "::"
       << escapeData(Message) << "\n";
  }
}

} // namespace policycheck::tool
