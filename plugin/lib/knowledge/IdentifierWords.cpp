//===--- IdentifierWords.cpp - Names split into words ---------------------===//
#include "policycheck/IdentifierWords.h"

#include "policycheck/CharClass.h"

#include "llvm/ADT/StringExtras.h"

namespace policycheck {

static llvm::StringRef dropDecorations(llvm::StringRef Name) {
  Name = Name.trim().trim("\"'`[]");
  // `m_email`, `g_config`, `s_instance`
  if (Name.size() > 2 && Name[1] == '_' &&
      (Name[0] == 'm' || Name[0] == 'g' || Name[0] == 's'))
    Name = Name.drop_front(2);
  // `kUserEmail`, but not `key` or `kb`
  if (Name.size() > 1 && Name[0] == 'k' && isAsciiUpper(Name[1]))
    Name = Name.drop_front(1);
  return Name;
}

std::vector<std::string> splitIdentifierWords(llvm::StringRef Name) {
  Name = dropDecorations(Name);
  std::vector<std::string> Words;
  std::string Current;
  auto Flush = [&] {
    if (!Current.empty())
      Words.push_back(llvm::StringRef(Current).lower());
    Current.clear();
  };
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (!llvm::isAlnum(C)) {
      Flush();
      continue;
    }
    if (!Current.empty() && isAsciiUpper(C)) {
      char Prev = Current.back();
      bool NextIsLower = I + 1 < Name.size() && isAsciiLower(Name[I + 1]);
      // `userEmail` -> user|Email; `HTTPServer` -> HTTP|Server; `IPv4` stays.
      if (isAsciiLower(Prev) || llvm::isDigit(Prev) ||
          (isAsciiUpper(Prev) && NextIsLower))
        Flush();
    }
    Current.push_back(C);
  }
  Flush();
  // A SQL column qualified by its table (`users.email`) is about the column.
  if (Name.contains('.') && !Name.contains(' ') && !Words.empty() &&
      Name.find_first_of("_-") == llvm::StringRef::npos) {
    llvm::StringRef Last = Name.rsplit('.').second;
    return splitIdentifierWords(Last);
  }
  return Words;
}

} // namespace policycheck
