//===--- CookieModelParser.h - The `cookies:` section of model files -*- C++ -*-===//
#ifndef POLICYCHECK_LIB_KNOWLEDGE_COOKIEMODELPARSER_H
#define POLICYCHECK_LIB_KNOWLEDGE_COOKIEMODELPARSER_H

#include "policycheck/Cookies.h"

#include "llvm/Support/Error.h"

#include <yaml-cpp/yaml.h>

namespace policycheck {

/// Adds a model file's `cookies:` mapping to \p Out; an error names the
/// file, line and column of what is wrong.
llvm::Error parseCookieModels(const YAML::Node &Section, llvm::StringRef FileName,
                              CookieModels &Out);

} // namespace policycheck

#endif
