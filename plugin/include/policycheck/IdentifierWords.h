//===--- IdentifierWords.h - Names split into words -------------*- C++ -*-===//
//
// The classifier reads names the way a person does: `m_userEmailAddress`,
// `user_email_address_`, `kUserEmailAddress` and `USER_EMAIL_ADDRESS` are all
// the words `user email address`.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_IDENTIFIERWORDS_H
#define POLICYCHECK_IDENTIFIERWORDS_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace policycheck {

/// Splits a C++ identifier, JSON key or SQL column name into lower-case words:
/// at `_`, `-`, `.`, spaces, lower-to-upper case changes and the end of an
/// acronym (`HTTPServer` is `http server`). Digits stay with the word before
/// them (`sha256`, `ipv4`). Member and constant prefixes (`m_`, `g_`, `s_`,
/// `k` before a capital) are dropped. A qualified SQL column (`u.email`) keeps
/// only its last part.
std::vector<std::string> splitIdentifierWords(llvm::StringRef Name);

} // namespace policycheck

#endif
