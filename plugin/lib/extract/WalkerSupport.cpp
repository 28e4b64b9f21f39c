//===--- WalkerSupport.cpp - Small helpers of the walker -----------------===//
//
// Text, names and types the walker asks about: stripping casts, literal text,
// format strings, the names of lookups, conversions and setters.
//
//===----------------------------------------------------------------------===//
#include "extract/Walker.h"

#include "policycheck/Category.h"
#include "policycheck/IdentifierWords.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

namespace policycheck::walker {

unsigned writtenArguments(const clang::CXXConstructExpr *E) {
  unsigned Written = 0;
  for (const clang::Expr *Arg : E->arguments())
    Written += !llvm::isa<clang::CXXDefaultArgExpr>(Arg);
  return Written;
}

const clang::Expr *strip(const clang::Expr *E) {
  while (E) {
    const clang::Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *M = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = llvm::dyn_cast<clang::ExprWithCleanups>(Next))
      Next = C->getSubExpr();
    else if (const auto *F = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(Next))
      Next = F->getSubExpr();
    else if (const auto *S = llvm::dyn_cast<clang::CXXStaticCastExpr>(Next))
      Next = S->getSubExpr();
    else if (const auto *R = llvm::dyn_cast<clang::CXXReinterpretCastExpr>(Next))
      Next = R->getSubExpr();
    else if (const auto *CC = llvm::dyn_cast<clang::CStyleCastExpr>(Next))
      Next = CC->getSubExpr();
    else if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructExpr>(Next);
             Ctor && Ctor->getNumArgs() >= 1 && writtenArguments(Ctor) == 1 &&
             (Ctor->getConstructor()->isCopyOrMoveConstructor() ||
              Ctor->getConstructor()->isConvertingConstructor(false)) &&
             !llvm::isa<clang::CXXTemporaryObjectExpr>(Ctor) &&
             !LibraryModels::builtin().conventions().isValueType(
                 Ctor->getConstructor()->getParent()->getName()))
      Next = Ctor->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

std::string varKey(const clang::VarDecl *VD) {
  std::string Key;
  llvm::raw_string_ostream OS(Key);
  OS << "v" << static_cast<const void *>(VD->getCanonicalDecl());
  return OS.str();
}

const clang::StringLiteral *narrowLiteral(const clang::Expr *E) {
  const auto *Lit = llvm::dyn_cast_or_null<clang::StringLiteral>(strip(E));
  return Lit && Lit->getCharByteWidth() == 1 ? Lit : nullptr;
}

std::string joinFieldPath(llvm::StringRef Path, llvm::StringRef More) {
  // Parameter uses as a key or a query column (`#key`, `#column:0`) are no
  // field paths.
  if (Path.contains('#') || More.contains('#'))
    return (Path + More).str();
  llvm::SmallVector<llvm::StringRef, 8> Segments;
  for (llvm::StringRef Part : {Path, More}) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Part.split(Parts, '.', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Segment : Parts) {
      auto Seen = llvm::find(Segments, Segment);
      if (Seen != Segments.end())
        Segments.erase(Seen + 1, Segments.end());
      else
        Segments.push_back(Segment);
    }
  }
  std::string Out;
  for (llvm::StringRef Segment : Segments)
    Out += "." + Segment.str();
  return Out;
}

void joinInto(Environment &Into, const Environment &Other) {
  for (const auto &[Key, V] : Other) {
    auto It = Into.find(Key);
    if (It == Into.end()) {
      Into.emplace(Key, V);
      continue;
    }
    It->second.Data.merge(V.Data);
    if (It->second.Text != V.Text)
      It->second.Text = It->second.Text ? It->second.Text : V.Text;
    if (It->second.TextParam != V.TextParam)
      It->second.TextParam.reset();
    if (It->second.HandleOf.empty())
      It->second.HandleOf = V.HandleOf;
  }
}

Protection protectionFromName(llvm::StringRef Name) {
  Protection P;
  for (const std::string &W : splitIdentifierWords(Name)) {
    llvm::StringRef Word = W;
    if (Word == "hash" || Word == "hashed" || Word == "digest" ||
        Word.startswith("sha") || Word == "md5" || Word == "hmac" ||
        Word == "bcrypt" || Word == "scrypt" || Word == "argon2" ||
        Word == "pbkdf2")
      P.Hashed = true;
    if (Word == "enc" || Word == "encrypted" || Word == "cipher" ||
        Word == "ciphertext" || Word == "sealed" || Word == "crypt")
      P.Encrypted = true;
  }
  return P;
}

bool holdsServiceData(const Taint &Data) {
  return llvm::any_of(Data.facts(), [](const DataFact &F) {
    return categoryCovers("system", F.Category);
  });
}

bool returnsMutableReference(const clang::FunctionDecl &F) {
  clang::QualType Returned = F.getReturnType();
  return Returned->isLValueReferenceType() &&
         !Returned.getNonReferenceType().isConstQualified();
}

std::optional<std::string> asciiText(const clang::StringLiteral *Lit) {
  if (Lit->getCharByteWidth() == 1)
    return Lit->getString().str();
  std::string Text;
  for (unsigned I = 0; I < Lit->getLength(); ++I) {
    uint32_t Unit = Lit->getCodeUnit(I);
    if (Unit >= 0x80)
      return std::nullopt;
    Text.push_back(static_cast<char>(Unit));
  }
  return Text;
}

const clang::StringLiteral *firstStringLiteral(const clang::Stmt *S) {
  if (!S)
    return nullptr;
  if (const auto *Lit = llvm::dyn_cast<clang::StringLiteral>(S))
    return Lit;
  for (const clang::Stmt *Child : S->children())
    if (const clang::StringLiteral *Lit = firstStringLiteral(Child))
      return Lit;
  return nullptr;
}

std::string formatText(llvm::StringRef Format, const std::vector<Value> &Args,
                       unsigned First) {
  std::string Out;
  unsigned Next = First;
  for (size_t I = 0; I < Format.size(); ++I) {
    char C = Format[I];
    if ((C == '{' || C == '}') && I + 1 < Format.size() && Format[I + 1] == C) {
      Out.push_back(C); // `{{` and `}}` are the braces themselves
      ++I;
      continue;
    }
    if (C != '{') {
      Out.push_back(C);
      continue;
    }
    size_t Close = Format.find('}', I);
    if (Close == llvm::StringRef::npos) {
      Out += Format.drop_front(I).str();
      break;
    }
    llvm::StringRef Field = Format.slice(I + 1, Close).split(':').first;
    unsigned Index = Next++;
    unsigned Explicit = 0;
    if (!Field.empty() && !Field.getAsInteger(10, Explicit))
      Index = First + Explicit;
    Out += Index < Args.size() && Args[Index].Text ? *Args[Index].Text : "{?}";
    I = Close;
  }
  return Out;
}

std::string printfText(llvm::StringRef Format, const std::vector<Value> &Args,
                       unsigned First) {
  std::string Out;
  unsigned Next = First;
  for (size_t I = 0; I < Format.size(); ++I) {
    if (Format[I] != '%') {
      Out.push_back(Format[I]);
      continue;
    }
    if (I + 1 < Format.size() && Format[I + 1] == '%') {
      Out.push_back('%');
      ++I;
      continue;
    }
    size_t J = I + 1;
    // Flags, width, precision and length; a `*` takes an argument.
    while (J < Format.size() && llvm::StringRef("-+ #0123456789.*hlLqjzt").contains(Format[J])) {
      if (Format[J] == '*')
        ++Next;
      ++J;
    }
    if (J >= Format.size())
      break;
    unsigned Index = Next++;
    Out += Format[J] == 's' && Index < Args.size() && Args[Index].Text ? *Args[Index].Text
                                                                         : "{?}";
    I = J;
  }
  return Out;
}

bool isDataFreeType(clang::QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  return T->isBooleanType() || T->isVoidType() ||
         (T->isIntegralOrEnumerationType() && !T->isCharType()) ||
         T->isRealFloatingType();
}

bool flowDecidesOverName(const Taint &Data) {
  if (Data.empty())
    return false;
  if (holdsServiceData(Data))
    return true;
  bool AllProtected = true;
  for (const DataFact &F : Data.facts())
    AllProtected = AllProtected && (F.Protected.Hashed || F.Protected.Encrypted);
  for (const ParamUse &P : Data.params())
    AllProtected = AllProtected && (P.Protected.Hashed || P.Protected.Encrypted);
  return AllProtected;
}

bool mayHoldUserData(const Value &V) {
  if (V.Text && V.Data.empty())
    return false;
  return !holdsServiceData(V.Data);
}

} // namespace policycheck::walker
