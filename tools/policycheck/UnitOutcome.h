//===--- UnitOutcome.h - What one source file's analysis gave ---*- C++ -*-===//
//
// The tool keeps, for each source file of the compilation database, what its
// latest analysis gave (policycheck/UnitFacts.h). The rounds of linking
// compare the summaries it looked up; the cache keeps it between runs.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_TOOL_UNITOUTCOME_H
#define POLICYCHECK_TOOL_UNITOUTCOME_H

#include "policycheck/UnitFacts.h"

namespace policycheck::tool {

using UnitOutcome = UnitFacts;

} // namespace policycheck::tool

#endif
