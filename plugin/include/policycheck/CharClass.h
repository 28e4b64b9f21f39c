//===--- CharClass.h - ASCII character classes ------------------*- C++ -*-===//
//
// LLVM 14's StringExtras has isDigit and isAlnum but not the case tests; these
// are locale-independent ASCII tests, as names and keys need.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_CHARCLASS_H
#define POLICYCHECK_CHARCLASS_H

namespace policycheck {

inline bool isAsciiLower(char C) { return C >= 'a' && C <= 'z'; }
inline bool isAsciiUpper(char C) { return C >= 'A' && C <= 'Z'; }

} // namespace policycheck

#endif
