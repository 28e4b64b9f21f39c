//===--- CompilationDatabaseLoader.h - compile_commands.json ----*- C++ -*-===//
#ifndef POLICYCHECK_TOOLS_COMPILATIONDATABASELOADER_H
#define POLICYCHECK_TOOLS_COMPILATIONDATABASELOADER_H

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace policycheck::tool {

/// Loads `compile_commands.json` from \p BuildDir. A relative `directory` is
/// read relative to the database's own folder, so that a database checked in
/// beside its sources (as the sample code bases are) works from any clone.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadCompilationDatabase(llvm::StringRef BuildDir);

} // namespace policycheck::tool

#endif
