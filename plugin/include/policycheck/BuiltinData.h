//===--- BuiltinData.h - The data files compiled into policycheck -*- C++ -*-===//
//
// The taxonomy, the classifier rules, the vendor-host directory and the
// library models live as YAML under policy-schema/. The build embeds their
// text (cmake/EmbedDataFiles.cmake) so that the plugin and the module work
// wherever they are installed.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_BUILTINDATA_H
#define POLICYCHECK_BUILTINDATA_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <vector>

namespace policycheck::builtin {

/// One embedded data file: its path under the source tree and its text.
struct DataFile {
  const char *Name;
  const char *Text;
};

llvm::ArrayRef<DataFile> allDataFiles();
/// The file of that name (e.g. `policy-schema/taxonomy.yaml`); the build
/// guarantees the built-in files exist.
DataFile dataFile(llvm::StringRef Name);
/// The files whose name starts with \p Prefix, in name order.
std::vector<DataFile> dataFilesUnder(llvm::StringRef Prefix);

inline DataFile taxonomyFile() { return dataFile("policy-schema/taxonomy.yaml"); }
inline DataFile classifierFile() { return dataFile("policy-schema/classifier.yaml"); }
inline DataFile vendorHostsFile() { return dataFile("policy-schema/vendor-hosts.yaml"); }

} // namespace policycheck::builtin

#endif
