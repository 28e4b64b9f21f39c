//===--- SqlText.cpp - What a query's text says about its results ---------===//
#include "policycheck/SqlText.h"


#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

namespace {

bool isIdentifierChar(char C) { return llvm::isAlnum(C) || C == '_'; }

/// Whether \p Text at \p At starts the keyword \p Word (case-insensitive) as
/// a whole word.
bool keywordAt(llvm::StringRef Text, size_t At, llvm::StringRef Word) {
  if (At + Word.size() > Text.size() ||
      !Text.substr(At, Word.size()).equals_insensitive(Word))
    return false;
  bool Before = At == 0 || !isIdentifierChar(Text[At - 1]);
  bool After = At + Word.size() == Text.size() || !isIdentifierChar(Text[At + Word.size()]);
  return Before && After;
}

/// A bare identifier, quotes (`"email"`, `` `email` ``, `[email]`) removed;
/// empty when the text is anything else.
std::string identifier(llvm::StringRef Text) {
  Text = Text.trim();
  if (Text.size() >= 2 && ((Text.front() == '"' && Text.back() == '"') ||
                           (Text.front() == '`' && Text.back() == '`') ||
                           (Text.front() == '[' && Text.back() == ']')))
    Text = Text.drop_front().drop_back();
  if (Text.empty() || !llvm::all_of(Text, isIdentifierChar) || llvm::isDigit(Text[0]))
    return "";
  return Text.str();
}

} // namespace

std::optional<std::string> selectedColumn(llvm::StringRef Sql, unsigned Index) {
  Sql = Sql.ltrim();
  if (!keywordAt(Sql, 0, "select"))
    return std::nullopt;
  size_t Begin = 6;
  for (llvm::StringRef Modifier : {"distinct", "all"}) {
    size_t At = Sql.find_first_not_of(" \t\r\n", Begin);
    if (At != llvm::StringRef::npos && keywordAt(Sql, At, Modifier))
      Begin = At + Modifier.size();
  }
  // The select list runs to the FROM outside parentheses and quotes.
  llvm::SmallVector<llvm::StringRef, 8> Items;
  int Depth = 0;
  char Quote = 0;
  size_t ItemBegin = Begin, End = Sql.size();
  for (size_t I = Begin; I < Sql.size(); ++I) {
    char C = Sql[I];
    if (Quote) {
      if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '\'' || C == '"' || C == '`')
      Quote = C;
    else if (C == '(')
      ++Depth;
    else if (C == ')')
      --Depth;
    else if (Depth == 0 && C == ',') {
      Items.push_back(Sql.slice(ItemBegin, I));
      ItemBegin = I + 1;
    } else if (Depth == 0 && keywordAt(Sql, I, "from")) {
      End = I;
      break;
    }
  }
  Items.push_back(Sql.slice(ItemBegin, End));
  if (Index >= Items.size())
    return std::nullopt;
  llvm::StringRef Item = Items[Index].trim();
  // `expr AS alias`, or `expr alias`: the alias names the column.
  size_t LastSpace = Item.find_last_of(" \t\r\n");
  if (LastSpace != llvm::StringRef::npos) {
    std::string Alias = identifier(Item.substr(LastSpace + 1));
    llvm::StringRef Before = Item.substr(0, LastSpace).rtrim();
    if (!Alias.empty()) {
      if (Before.size() >= 2 && keywordAt(Before, Before.size() - 2, "as"))
        return Alias;
      // Without AS, a plain column followed by a name is an alias too.
      if (!identifier(Before.rsplit('.').second.empty() ? Before : Before.rsplit('.').second)
               .empty())
        return Alias;
    }
    return std::nullopt;
  }
  // `t.email`, `"email"`.
  std::string Column = identifier(Item.rsplit('.').second.empty() ? Item : Item.rsplit('.').second);
  if (Column.empty())
    return std::nullopt;
  return Column;
}

} // namespace policycheck
