//===--- SqlText.h - What a query's text says about its results -*- C++ -*-===//
//
// A row read from `SELECT ip_address FROM sessions` holds an IP address in
// its column 0: the query's select list names what each column holds, as a
// JSON key names its value.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_SQLTEXT_H
#define POLICYCHECK_SQLTEXT_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace policycheck {

/// The name of the result column \p Index (from 0) of a SELECT query: its
/// alias (`AS name`), else the column (`t.email` is `email`). None for a
/// query that is no SELECT, a column that is an expression without an
/// alias, `*`, or an index past the list.
std::optional<std::string> selectedColumn(llvm::StringRef Sql, unsigned Index);

} // namespace policycheck

#endif
