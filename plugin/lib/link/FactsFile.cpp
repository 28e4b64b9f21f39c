//===--- FactsFile.cpp - A translation unit's facts, written by the build -===//
#include "policycheck/FactsFile.h"

#include "policycheck/Version.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace policycheck {

namespace json = llvm::json;

static constexpr const char *FormatName = "policycheck-facts";
static constexpr int64_t FormatRevision = 4;

std::string textHash(llvm::StringRef Text) {
  std::string Out;
  llvm::raw_string_ostream(Out) << llvm::format_hex_no_prefix(llvm::xxHash64(Text), 16);
  return Out;
}

void namePolicy(FactsFile &F, llvm::StringRef PolicyPath) {
  llvm::SmallString<256> Policy(PolicyPath);
  llvm::sys::fs::make_absolute(Policy);
  F.PolicyPath = std::string(Policy);
  auto Text = llvm::MemoryBuffer::getFile(Policy);
  F.PolicyHash = Text ? textHash((*Text)->getBuffer()) : std::string();
}

llvm::Error writeFactsFile(llvm::StringRef Folder, llvm::StringRef Output,
                           const FactsFile &F) {
  auto Fail = [&](const llvm::Twine &Why, std::error_code EC) {
    return llvm::createStringError(EC, "cannot write facts into " + Folder + ": " +
                                           Why + ": " + EC.message());
  };
  if (std::error_code EC = llvm::sys::fs::create_directories(Folder))
    return Fail("cannot create the folder", EC);
  json::Array Inputs;
  for (const std::string &I : F.Facts.Inputs)
    Inputs.push_back(I);
  json::Object Top{{"format", FormatName},
                   {"revision", FormatRevision},
                   {"policycheck", Version},
                   {"source", F.Source},
                   {"policy", F.PolicyPath},
                   {"policyHash", F.PolicyHash},
                   {"inputs", std::move(Inputs)},
                   {"facts", unitFactsToJson(F.Facts)}};
  llvm::SmallString<256> Target(Folder);
  llvm::sys::path::append(Target, textHash(F.Source + '\0' + Output.str()) + ".json");
  llvm::SmallString<256> Temporary;
  int FD = -1;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Target + ".%%%%%%.tmp", FD, Temporary))
    return Fail("cannot create a temporary file", EC);
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << json::Value(std::move(Top));
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, Target)) {
    llvm::sys::fs::remove(Temporary);
    return Fail("cannot rename " + Temporary, EC);
  }
  return llvm::Error::success();
}

llvm::Error writeTranslationUnitFacts(llvm::StringRef Folder, llvm::StringRef Output,
                                      const AnalysisResult &Result,
                                      const clang::SourceManager &SM, const Knowledge &K,
                                      const ProgramSummaries *Linked,
                                      llvm::StringRef PolicyPath) {
  FactsFile F;
  if (const clang::FileEntry *Main = SM.getFileEntryForID(SM.getMainFileID())) {
    llvm::SmallString<256> Path(Main->tryGetRealPathName());
    if (Path.empty()) {
      Path = Main->getName();
      llvm::sys::fs::make_absolute(Path);
    }
    F.Source = std::string(Path);
  }
  namePolicy(F, PolicyPath);
  F.Facts = unitFactsOf(Result, SM, K, Linked);
  return writeFactsFile(Folder, Output, F);
}

llvm::Expected<FactsFile> readFactsFile(llvm::StringRef Path) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Path + ": " + Why);
  };
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return Fail("cannot read: " + Buffer.getError().message());
  llvm::Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return Fail("not a policycheck facts file (cut short or not JSON: " +
                llvm::toString(Parsed.takeError()) + ")");
  const json::Object *Top = Parsed->getAsObject();
  if (!Top || Top->getString("format") != llvm::StringRef(FormatName))
    return Fail(llvm::Twine("not a policycheck facts file (expected \"format\": \"") +
                FormatName + "\")");
  auto Writer = Top->getString("policycheck");
  if (Top->getInteger("revision") != FormatRevision || !Writer || *Writer != Version)
    return Fail(llvm::Twine("written by policycheck ") +
                (Writer ? *Writer : llvm::StringRef("(unknown)")) + ", not by this " +
                Version + "; build again to write them with this version");
  FactsFile F;
  auto Source = Top->getString("source");
  auto Policy = Top->getString("policy");
  auto Hash = Top->getString("policyHash");
  const json::Array *Inputs = Top->getArray("inputs");
  const json::Object *Facts = Top->getObject("facts");
  if (!Source || !Policy || !Hash || !Inputs || !Facts ||
      !unitFactsFromJson(*Facts, F.Facts))
    return Fail("malformed facts (a field is missing or of the wrong type)");
  F.Source = Source->str();
  F.PolicyPath = Policy->str();
  F.PolicyHash = Hash->str();
  for (const json::Value &I : *Inputs)
    if (auto Text = I.getAsString())
      F.Facts.Inputs.push_back(Text->str());
  return F;
}

} // namespace policycheck
