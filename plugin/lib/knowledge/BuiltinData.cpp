//===--- BuiltinData.cpp - The data files compiled into policycheck -------===//
#include "policycheck/BuiltinData.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/ErrorHandling.h"

#include <algorithm>

namespace policycheck::builtin {

// Defined in the source that cmake/EmbedDataFiles.cmake generates.
extern const DataFile EmbeddedFiles[];
extern const unsigned EmbeddedFileCount;

llvm::ArrayRef<DataFile> allDataFiles() {
  return llvm::makeArrayRef(EmbeddedFiles, EmbeddedFileCount);
}

DataFile dataFile(llvm::StringRef Name) {
  for (const DataFile &File : allDataFiles())
    if (Name == File.Name)
      return File;
  llvm::report_fatal_error(llvm::Twine("built-in data file missing: ") + Name);
}

std::vector<DataFile> dataFilesUnder(llvm::StringRef Prefix) {
  std::vector<DataFile> Files;
  for (const DataFile &File : allDataFiles())
    if (llvm::StringRef(File.Name).startswith(Prefix))
      Files.push_back(File);
  std::sort(Files.begin(), Files.end(), [](const DataFile &A, const DataFile &B) {
    return llvm::StringRef(A.Name) < llvm::StringRef(B.Name);
  });
  return Files;
}

} // namespace policycheck::builtin
