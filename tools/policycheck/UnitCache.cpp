//===--- UnitCache.cpp - Each translation unit's outcome between runs -----===//
#include "UnitCache.h"

#include "policycheck/FactsFile.h"
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

/// A file's contents as a hash, or empty when it cannot be read.
std::string contentHash(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return "";
  return textHash((*Buffer)->getBuffer());
}

} // namespace

std::string UnitCache::pathFor(const std::string &File,
                               const std::string &Commands) const {
  llvm::SmallString<256> Path(Folder);
  llvm::sys::path::append(Path, textHash(File + '\0' + Commands) + ".json");
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
  if (!unitFactsFromJson(*Outcome, E.Outcome))
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
                      const UnitFacts &Outcome) const {
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
                   {"outcome", unitFactsToJson(Outcome)}};
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
