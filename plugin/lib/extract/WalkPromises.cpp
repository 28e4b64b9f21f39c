//===--- WalkPromises.cpp - What a promise is judged by, at a call --------===//
//
// Beyond the data a call hands over, some promises depend on how: how strong
// the hash a transform applies is (the policy's `hash:`), and how long the
// storage a call writes to keeps the value (a Redis time-to-live, a cache's
// expiry argument) for `retention`.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/RedisCommand.h"

#include "llvm/ADT/StringExtras.h"

namespace policycheck::walker {

Protection Walker::hashOf(const FunctionModel &M, const std::string &Name,
                          const std::vector<Value> &Args,
                          const std::vector<const clang::Expr *> &ArgExprs) {
  if (!M.AlgorithmArgument || *M.AlgorithmArgument >= ArgExprs.size())
    return Protection::hashed(M.Strength, Name);
  // The algorithm is named by a call (`EVP_sha256()`), an enumerator
  // (`QCryptographicHash::Md5`), a variable initialised with one, or a text
  // (crypt's setting `"$2b$12$..."`).
  const clang::Expr *Arg = strip(ArgExprs[*M.AlgorithmArgument]);
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(Arg);
    const auto *VD = DRE ? llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()) : nullptr;
    if (!VD || llvm::isa<clang::ParmVarDecl>(VD) || !VD->getInit())
      break;
    Arg = strip(VD->getInit());
  }
  std::string Algorithm;
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(Arg)) {
    if (const clang::FunctionDecl *F = Call->getDirectCallee())
      Algorithm = F->getNameAsString();
  } else if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(Arg)) {
    if (llvm::isa<clang::EnumConstantDecl>(DRE->getDecl()))
      Algorithm = DRE->getDecl()->getNameAsString();
  }
  llvm::StringRef Text;
  if (*M.AlgorithmArgument < Args.size() && Args[*M.AlgorithmArgument].Text)
    Text = *Args[*M.AlgorithmArgument].Text;
  HashGrade Strength = K.Models.algorithmStrength(Algorithm, Text);
  if (Strength == HashGrade::Unknown)
    return Protection::hashed(M.Strength, Name);
  // A crypt setting is named by its scheme: `$2b$` of `$2b$12$salt`.
  size_t SchemeEnd = Text.startswith("$") ? Text.find('$', 1) : llvm::StringRef::npos;
  std::string Named = !Algorithm.empty()                  ? Algorithm
                      : SchemeEnd != llvm::StringRef::npos ? Text.take_front(SchemeEnd + 1).str()
                                                           : Text.str();
  return Protection::hashed(Strength, Name + " with " + Named);
}

std::vector<std::string>
Walker::commandWords(llvm::StringRef Format, const std::vector<Value> &Args,
                     const std::vector<const clang::Expr *> &ArgExprs, unsigned First) {
  // hiredis splits the format at spaces into words; a conversion is part of
  // the word it is in, whatever its text holds.
  std::vector<std::string> Words(1);
  unsigned Next = First;
  auto Integer = [&](unsigned I) -> std::string {
    clang::Expr::EvalResult R;
    if (I < ArgExprs.size() && !ArgExprs[I]->isValueDependent() &&
        ArgExprs[I]->EvaluateAsInt(R, Ctx))
      return llvm::toString(R.Val.getInt(), 10);
    return "{?}";
  };
  for (size_t I = 0; I < Format.size(); ++I) {
    char C = Format[I];
    if (C == ' ') {
      if (!Words.back().empty())
        Words.emplace_back();
      continue;
    }
    if (C != '%' || I + 1 == Format.size()) {
      Words.back() += C;
      continue;
    }
    if (Format[I + 1] == '%') {
      Words.back() += '%';
      ++I;
      continue;
    }
    size_t End = Format.find_first_not_of("-+ #0123456789.hlLqjzt", I + 1);
    if (End == llvm::StringRef::npos)
      break;
    char Conversion = Format[End];
    I = End;
    if (Conversion == 's' || Conversion == 'b') {
      Words.back() += Next < Args.size() && Args[Next].Text ? *Args[Next].Text : "{?}";
      Next += Conversion == 'b' ? 2 : 1; // %b takes a pointer and a length
    } else if (llvm::is_contained(llvm::StringRef("diuxXoc"), Conversion)) {
      Words.back() += Integer(Next++);
    } else {
      Words.back() += "{?}";
      ++Next;
    }
  }
  if (Words.back().empty())
    Words.pop_back();
  return Words;
}

std::optional<uint64_t>
Walker::storageExpiry(const FunctionModel &M, const std::vector<Value> &Args,
                      const std::vector<const clang::Expr *> &ArgExprs, Taint &Data,
                      bool &ReportCategories) {
  if (M.ExpiryArgument) {
    clang::Expr::EvalResult R;
    unsigned I = *M.ExpiryArgument;
    if (I < ArgExprs.size() && !ArgExprs[I]->isValueDependent() &&
        ArgExprs[I]->EvaluateAsInt(R, Ctx) && !R.Val.getInt().isNegative())
      return R.Val.getInt().getZExtValue() * M.ExpiryUnitMillis;
    return std::nullopt;
  }
  if (!M.CommandArgument || *M.CommandArgument >= Args.size() ||
      !Args[*M.CommandArgument].Text)
    return std::nullopt;
  std::vector<std::string> Words = commandWords(*Args[*M.CommandArgument].Text, Args,
                                                ArgExprs, *M.CommandArgument + 1);
  if (std::optional<std::string> Key = redisStoredKey(Words))
    RedisStored[*Key].merge(Data);
  std::optional<RedisExpiry> Expiry = redisExpiry(Words);
  if (!Expiry)
    return std::nullopt;
  if (!Expiry->StoresValue) {
    // `EXPIRE key n` keeps what an earlier command of this function stored
    // under the key that long; that command reported the data itself.
    auto It = RedisStored.find(Expiry->Key);
    if (It == RedisStored.end())
      return std::nullopt;
    Data = It->second;
    ReportCategories = false;
  }
  return Expiry->Millis;
}

} // namespace policycheck::walker
