//===--- BuiltinData.cpp - The data files compiled into policycheck -------===//
#include "policycheck/BuiltinData.h"

namespace policycheck::builtin {

// Defined in the sources that cmake/EmbedFile.cmake generates.
extern const llvm::StringRef taxonomy_yaml;
extern const llvm::StringRef classifier_yaml;

DataFile taxonomyFile() { return {"policy-schema/taxonomy.yaml", taxonomy_yaml}; }
DataFile classifierFile() {
  return {"policy-schema/classifier.yaml", classifier_yaml};
}

} // namespace policycheck::builtin
