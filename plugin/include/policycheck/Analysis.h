//===--- Analysis.h - The analysis core's entry point -----------*- C++ -*-===//
//
// One translation unit in, findings out. Every front-end (compiler plugin,
// clang-tidy module, tool) calls analyzeTranslationUnit with the policy and
// maps the findings to its own reporting.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_ANALYSIS_H
#define POLICYCHECK_ANALYSIS_H

#include "policycheck/Classifier.h"
#include "policycheck/Finding.h"
#include "policycheck/FlowEvent.h"
#include "policycheck/HostDirectory.h"
#include "policycheck/LibraryModels.h"
#include "policycheck/Policy.h"
#include "policycheck/Summaries.h"

#include <memory>
#include <set>
#include <vector>

namespace clang {
class ASTContext;
}

namespace policycheck {

/// Everything the analysis knows besides the code: the policy, the classifier
/// extended by it, the library models and the host directory.
struct Knowledge {
  explicit Knowledge(std::shared_ptr<const Policy> P);

  std::shared_ptr<const Policy> ThePolicy;
  Classifier Names;
  const LibraryModels &Models;
  /// The host directory, read on first use: a translation unit that sends
  /// nothing to a third party the policy does not name never parses it.
  HostDirectorySource Hosts = &HostDirectory::builtin;
};

/// Input the analysis cannot use, such as a privacy annotation naming a
/// category the policy does not know: an error, never a silent guess.
struct AnalysisError {
  clang::SourceLocation Location;
  std::string Message;
};

/// A call to the function a `consent` entry names as its check, for the data
/// map: the reviewer sees where the code asks before it shares.
struct ConsentCheckCall {
  std::string Check;    // the entry's `check` pattern
  std::string Called;   // the function called, qualified
  std::string Function; // the function that calls it, qualified
  clang::SourceLocation Location;
};

struct AnalysisResult {
  /// Findings after location filtering (system and third-party headers) and
  /// NOLINT, in source order, without duplicates.
  std::vector<Finding> Findings;
  /// Every flow found, for the data map.
  std::vector<FlowEvent> Flows;
  /// Every call to a consent entry's check in the project's code.
  std::vector<ConsentCheckCall> ConsentChecks;
  std::vector<AnalysisError> Errors;
  /// The summaries of the functions the translation unit defines, and its
  /// overriders, for the other translation units of the program.
  ProgramSummaries Exported;
  /// The entries of the program's summaries the analysis looked up (see
  /// TranslationUnitState::LookedUp): the results change only if they do.
  std::set<std::string> LookedUp;
};

/// Analyses one translation unit. \p Linked, the program's summaries (from
/// `policycheck --summaries` or the tool's previous round), stands in for the
/// functions defined in other translation units; without it their calls are
/// guessed at from their names and types.
AnalysisResult analyzeTranslationUnit(clang::ASTContext &Context,
                                      const Knowledge &K,
                                      const ProgramSummaries *Linked = nullptr);

} // namespace policycheck

#endif
