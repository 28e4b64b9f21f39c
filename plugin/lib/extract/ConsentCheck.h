//===--- ConsentCheck.h - Vendor calls reached without consent -*- C++ -*-===//
//
// A vendor call or cookie set a `consent` entry covers, not guarded in its
// own function, is guarded only if every way into that function is: every
// call to it made where the check was found true, or from a function that
// is itself guarded on every way in. A function nothing calls (an entry
// point, a callback) has one unguarded way in. The calls are this
// translation unit's and, when the program's summaries are linked, every
// other's.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIB_EXTRACT_CONSENTCHECK_H
#define POLICYCHECK_LIB_EXTRACT_CONSENTCHECK_H

#include "extract/FunctionAnalyzer.h"

#include "policycheck/Finding.h"
#include "policycheck/Judge.h"

#include <vector>

namespace policycheck {

/// One privacy-consent finding per use of \p State that some path reaches
/// without its entry's check.
void checkConsent(TranslationUnitState &State, const Judge &J,
                  std::vector<Finding> &Findings);

} // namespace policycheck

#endif
