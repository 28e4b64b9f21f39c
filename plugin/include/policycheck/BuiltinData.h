//===--- BuiltinData.h - The data files compiled into policycheck -*- C++ -*-===//
//
// The taxonomy and the classifier rules live as YAML under policy-schema/. The
// build embeds their text (cmake/EmbedFile.cmake) so that the plugin and the
// module work wherever they are installed.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_BUILTINDATA_H
#define POLICYCHECK_BUILTINDATA_H

#include "llvm/ADT/StringRef.h"

namespace policycheck::builtin {

/// One embedded data file: its name under policy-schema/ and its text.
struct DataFile {
  llvm::StringRef Name;
  llvm::StringRef Text;
};

DataFile taxonomyFile();
DataFile classifierFile();

} // namespace policycheck::builtin

#endif
