//===--- UnitCache.cpp - Each translation unit's outcome between runs -----===//
#include "UnitCache.h"

#include "policycheck/Version.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <set>

namespace policycheck::tool {

namespace json = llvm::json;

std::string entryText(const ProgramSummaries &Linked, llvm::StringRef Entry) {
  std::string USR = Entry.drop_front(2).str();
  return Entry.startswith("o:") ? Linked.overridersText(USR)
                                : Linked.functionText(USR);
}

std::string binaryIdentity() {
  std::string Self = llvm::sys::fs::getMainExecutable(
      nullptr, reinterpret_cast<void *>(&binaryIdentity));
  llvm::sys::fs::file_status Status;
  std::string Id = std::string("policycheck ") + Version;
  if (!Self.empty() && !llvm::sys::fs::status(Self, Status))
    Id += " " + std::to_string(Status.getSize()) + " " +
          std::to_string(Status.getLastModificationTime().time_since_epoch().count());
  return Id;
}

namespace {

std::string hex(uint64_t V) {
  std::string Out;
  llvm::raw_string_ostream(Out) << llvm::format_hex_no_prefix(V, 16);
  return Out;
}

/// A file's contents as a hash, or empty when it cannot be read.
std::string contentHash(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  return hex(llvm::xxHash64((*Buffer)->getBuffer()));
}

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

json::Value outcomeJson(const UnitOutcome &U) {
  json::Array Findings, Flows, Errors, Inputs;
  for (const FindingRecord &F : U.Findings) {
    json::Array Notes;
    for (const NoteRecord &N : F.Notes)
      Notes.push_back(json::Object{{"at", position(N.Position)}, {"message", N.Message}});
    Findings.push_back(json::Object{{"check", checkInfo(F.Check).Name},
                                    {"at", position(F.Position)},
                                    {"message", F.Message},
                                    {"category", F.Category},
                                    {"destination", F.Destination},
                                    {"notes", std::move(Notes)}});
  }
  for (const FlowRecord &F : U.Flows)
    Flows.push_back(json::Object{{"category", F.Category},
                                 {"destinationId", F.DestinationId},
                                 {"destination", F.Destination},
                                 {"via", F.Via},
                                 {"at", position(F.Position)},
                                 {"protected", F.Protected}});
  for (const std::string &E : U.Errors)
    Errors.push_back(E);
  json::Object Seen;
  for (const auto &[Entry, Text] : U.Seen)
    Seen[Entry] = Text;
  return json::Object{{"findings", std::move(Findings)},
                      {"flows", std::move(Flows)},
                      {"errors", std::move(Errors)},
                      {"exported", summariesToJson(U.Exported)},
                      {"seen", std::move(Seen)}};
}

bool readOutcome(const json::Object &O, UnitOutcome &U) {
  const json::Array *Findings = O.getArray("findings");
  const json::Array *Flows = O.getArray("flows");
  const json::Array *Errors = O.getArray("errors");
  const json::Object *Seen = O.getObject("seen");
  const json::Value *Exported = O.get("exported");
  if (!Findings || !Flows || !Errors || !Seen || !Exported)
    return false;
  for (const json::Value &V : *Findings) {
    const json::Object *F = V.getAsObject();
    FindingRecord R;
    auto Check = F ? F->getString("check") : llvm::None;
    auto Kind = Check ? parseCheckName(*Check) : std::nullopt;
    auto Message = F ? F->getString("message") : llvm::None;
    auto Category = F ? F->getString("category") : llvm::None;
    auto Destination = F ? F->getString("destination") : llvm::None;
    const json::Array *Notes = F ? F->getArray("notes") : nullptr;
    if (!Kind || !Message || !Category || !Destination || !Notes ||
        !readPosition(F->getObject("at"), R.Position))
      return false;
    R.Check = *Kind;
    R.Message = Message->str();
    R.Category = Category->str();
    R.Destination = Destination->str();
    for (const json::Value &NV : *Notes) {
      const json::Object *N = NV.getAsObject();
      NoteRecord Note;
      auto Text = N ? N->getString("message") : llvm::None;
      if (!Text || !readPosition(N->getObject("at"), Note.Position))
        return false;
      Note.Message = Text->str();
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

} // namespace

std::string UnitCache::pathFor(const std::string &File,
                               const std::string &Commands) const {
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, hex(llvm::xxHash64(File + '\0' + Commands)) + ".json");
  return std::string(Path);
}

void UnitCache::prune(
    const std::vector<std::pair<std::string, std::string>> &Kept) const {
  std::set<std::string> Keep;
  for (const auto &[File, Commands] : Kept)
    Keep.insert(pathFor(File, Commands));
  std::error_code EC;
  std::vector<std::string> Gone;
  for (llvm::sys::fs::directory_iterator It(Folder, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).endswith(".json") && !Keep.count(It->path()))
      Gone.push_back(It->path());
  for (const std::string &Path : Gone)
    llvm::sys::fs::remove(Path);
}

std::optional<UnitCache::Entry> UnitCache::load(const std::string &File,
                                                const std::string &Commands) const {
  auto Buffer = llvm::MemoryBuffer::getFile(pathFor(File, Commands));
  if (!Buffer)
    return std::nullopt;
  auto Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt; // a broken entry is a miss: the file is parsed again
  }
  const json::Object *Top = Parsed->getAsObject();
  const json::Object *Outcome = Top ? Top->getObject("outcome") : nullptr;
  const json::Array *Inputs = Top ? Top->getArray("inputs") : nullptr;
  if (!Outcome || !Inputs || Top->getString("file") != llvm::StringRef(File) ||
      Top->getString("commands") != llvm::StringRef(Commands))
    return std::nullopt;
  Entry E;
  if (!readOutcome(*Outcome, E.Outcome))
    return std::nullopt;
  // Current while the binary, the policy and every input read the same. The
  // size and time of a file stand for its contents; only when they differ
  // are the contents compared (a checkout that touched a file unchanged).
  E.Current = Top->getString("identity") == llvm::StringRef(Identity);
  for (const json::Value &V : *Inputs) {
    const json::Object *In = V.getAsObject();
    auto Path = In ? In->getString("path") : llvm::None;
    auto Size = In ? In->getInteger("size") : llvm::None;
    auto Time = In ? In->getString("time") : llvm::None;
    auto Hash = In ? In->getString("hash") : llvm::None;
    if (!Path || !Size || !Time || !Hash)
      return std::nullopt;
    E.Outcome.Inputs.push_back(Path->str());
    if (!E.Current)
      continue;
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(*Path, Status)) {
      E.Current = false; // deleted
      continue;
    }
    std::string Now = std::to_string(
        Status.getLastModificationTime().time_since_epoch().count());
    if (int64_t(Status.getSize()) == *Size && Now == *Time)
      continue;
    E.Current = contentHash(*Path) == *Hash;
  }
  return E;
}

bool UnitCache::store(const std::string &File, const std::string &Commands,
                      const UnitOutcome &Outcome) const {
  if (llvm::sys::fs::create_directories(Folder))
    return false;
  json::Array Inputs;
  for (const std::string &Path : Outcome.Inputs) {
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(Path, Status))
      return true; // an input is gone already: nothing worth keeping
    Inputs.push_back(json::Object{
        {"path", Path},
        {"size", int64_t(Status.getSize())},
        {"time", std::to_string(
                     Status.getLastModificationTime().time_since_epoch().count())},
        {"hash", contentHash(Path)}});
  }
  json::Object Top{{"identity", Identity},
                   {"file", File},
                   {"commands", Commands},
                   {"inputs", std::move(Inputs)},
                   {"outcome", outcomeJson(Outcome)}};
  std::string Target = pathFor(File, Commands);
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (llvm::sys::fs::createUniqueFile(Target + ".%%%%%%.tmp", FD, Temporary))
    return false;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << json::Value(std::move(Top));
  }
  if (llvm::sys::fs::rename(Temporary, Target)) {
    llvm::sys::fs::remove(Temporary);
    return false;
  }
  return true;
}

} // namespace policycheck::tool
