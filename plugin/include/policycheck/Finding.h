//===--- Finding.h - What the analysis reports ------------------*- C++ -*-===//
//
// The one shape every front-end receives: a check, a place in the code, a
// message, and the notes that say why (where the data came from, the path it
// took, the policy line it contradicts). Front-ends only map this to their
// host's reporting.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_FINDING_H
#define POLICYCHECK_FINDING_H

#include "policycheck/Checks.h"
#include "policycheck/PolicyLocation.h"
#include "policycheck/PositionRecord.h"

#include "clang/Basic/SourceLocation.h"

#include <string>
#include <vector>

namespace policycheck {

/// What a note says: where the data comes from, a step on its way (a call
/// it goes through, the sink inside a wrapper), or the policy line.
enum class NoteKind { Origin, Step, Policy };

/// A note points either into the code or into the policy file.
struct FindingNote {
  clang::SourceLocation CodeLocation;
  PolicyLocation PolicyLine;
  std::string Message;
  /// A place in another translation unit (CodeLocation is then invalid).
  PositionRecord CodeElsewhere;
  NoteKind Kind = NoteKind::Step;
};

struct Finding {
  CheckKind Check = CheckKind::UndeclaredCategory;
  clang::SourceLocation Location;
  std::string Message; // without the trailing `[check-name]`
  std::vector<FindingNote> Notes;
  /// For tests and data maps: the category (empty for an undeclared vendor)
  /// and the destination (a vendor id, `storage`, `log`, or a host).
  std::string Category;
  std::string Destination;
  /// The qualified name of the function the finding is in (empty at
  /// namespace scope): a part of its fingerprint.
  std::string Function;
};

} // namespace policycheck

#endif
