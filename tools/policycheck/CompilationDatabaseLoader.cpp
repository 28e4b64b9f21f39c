//===--- CompilationDatabaseLoader.cpp - compile_commands.json ------------===//
#include "CompilationDatabaseLoader.h"

#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace policycheck::tool {

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadCompilationDatabase(llvm::StringRef BuildDir) {
  llvm::SmallString<256> Dir(BuildDir);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, "compile_commands.json");
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read %s: %s",
                                   Path.c_str(),
                                   Buffer.getError().message().c_str());
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse((*Buffer)->getBuffer());
  if (!Json)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s is not valid JSON: %s", Path.c_str(),
                                   llvm::toString(Json.takeError()).c_str());
  llvm::json::Array *Entries = Json->getAsArray();
  if (!Entries)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "%s: expected a list of compile commands",
                                   Path.c_str());
  for (llvm::json::Value &Entry : *Entries) {
    llvm::json::Object *Object = Entry.getAsObject();
    if (!Object)
      continue;
    if (auto Directory = Object->getString("directory")) {
      if (llvm::sys::path::is_relative(*Directory)) {
        llvm::SmallString<256> Absolute(Dir);
        llvm::sys::path::append(Absolute, *Directory);
        llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
        (*Object)["directory"] = std::string(Absolute);
      }
    }
  }
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(*Json));
  OS.flush();
  std::string Error;
  auto Database = clang::tooling::JSONCompilationDatabase::loadFromBuffer(
      Text, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "%s: %s",
                                   Path.c_str(), Error.c_str());
  return std::unique_ptr<clang::tooling::CompilationDatabase>(std::move(Database));
}

} // namespace policycheck::tool
