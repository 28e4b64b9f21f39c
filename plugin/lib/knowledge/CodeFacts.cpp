//===--- CodeFacts.cpp - Small questions about code -----------------------===//
#include "policycheck/CodeFacts.h"

#include "policycheck/HostPattern.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace policycheck {

static bool nameMatches(llvm::StringRef Name,
                        std::initializer_list<llvm::StringRef> Names) {
  for (llvm::StringRef N : Names)
    if (Name == N)
      return true;
  return false;
}

TypeClass classifyType(clang::QualType Type) {
  if (Type.isNull())
    return TypeClass::Unknown;
  Type = Type.getNonReferenceType();
  // Typedef names that say what the integer is.
  if (const auto *TT = Type->getAs<clang::TypedefType>()) {
    llvm::StringRef Name = TT->getDecl()->getName();
    if (nameMatches(Name, {"time_t", "QDateTime"}))
      return TypeClass::Time;
  }
  Type = Type.getCanonicalType().getUnqualifiedType();
  if (Type->isBooleanType())
    return TypeClass::Bool;
  if (Type->isCharType())
    return TypeClass::String;
  if (Type->isIntegralOrEnumerationType())
    return TypeClass::Integer;
  if (Type->isRealFloatingType())
    return TypeClass::Float;
  if (Type->isPointerType() || Type->isArrayType()) {
    clang::QualType Element =
        Type->isPointerType() ? Type->getPointeeType()
                              : clang::QualType(Type->getArrayElementTypeNoTypeQual(), 0);
    Element = Element.getCanonicalType().getUnqualifiedType();
    if (Element->isCharType()) {
      // char, signed char: text; unsigned char: bytes.
      return Element->isSpecificBuiltinType(clang::BuiltinType::UChar)
                 ? TypeClass::Bytes
                 : TypeClass::String;
    }
    if (Element->isIntegerType() &&
        (Element->isSpecificBuiltinType(clang::BuiltinType::UChar) ||
         Element->isSpecificBuiltinType(clang::BuiltinType::SChar)))
      return TypeClass::Bytes;
    if (Type->isPointerType())
      return classifyType(Element) == TypeClass::Record ? TypeClass::Record
                                                        : TypeClass::Unknown;
    return TypeClass::Container;
  }
  if (const auto *Record = Type->getAsCXXRecordDecl()) {
    std::string Name = qualifiedName(*Record);
    llvm::StringRef N = Name;
    if (nameMatches(N, {"std::basic_string", "std::basic_string_view",
                        "QString", "wxString", "QStringView", "QLatin1String"}))
      return TypeClass::String;
    if (nameMatches(N, {"QByteArray"}))
      return TypeClass::Bytes;
    if (N.startswith("nlohmann::") && N.contains("json"))
      return TypeClass::Json;
    if (N.startswith("std::chrono::time_point") || nameMatches(N, {"QDateTime", "QDate", "wxDateTime"}))
      return TypeClass::Time;
    if (nameMatches(N, {"std::optional"})) {
      if (const auto *Spec =
              llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(Record))
        if (Spec->getTemplateArgs().size() > 0 &&
            Spec->getTemplateArgs()[0].getKind() == clang::TemplateArgument::Type)
          return classifyType(Spec->getTemplateArgs()[0].getAsType());
    }
    if (nameMatches(N, {"std::vector", "std::array", "std::basic_string",
                        "std::list", "std::deque", "std::set", "std::unordered_set",
                        "std::map", "std::unordered_map", "std::multimap",
                        "QList", "QVector", "QStringList", "QMap", "QHash"})) {
      // A vector of bytes is bytes; anything else is a container.
      if (const auto *Spec =
              llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(Record))
        if (Spec->getTemplateArgs().size() > 0 &&
            Spec->getTemplateArgs()[0].getKind() == clang::TemplateArgument::Type) {
          clang::QualType Element = Spec->getTemplateArgs()[0].getAsType();
          if (classifyType(Element) == TypeClass::Integer &&
              Element.getCanonicalType()->isSpecificBuiltinType(clang::BuiltinType::UChar))
            return TypeClass::Bytes;
          if (Element.getCanonicalType()->isSpecificBuiltinType(clang::BuiltinType::UChar) ||
              Element.getCanonicalType()->isSpecificBuiltinType(clang::BuiltinType::Char_S) ||
              Element.getCanonicalType()->isSpecificBuiltinType(clang::BuiltinType::SChar))
            return TypeClass::Bytes;
        }
      return TypeClass::Container;
    }
    return TypeClass::Record;
  }
  return TypeClass::Unknown;
}

std::string qualifiedName(const clang::NamedDecl &D) {
  clang::PrintingPolicy Policy(D.getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  Policy.SuppressUnwrittenScope = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  D.printQualifiedName(OS, Policy);
  OS.flush();
  return Name;
}

std::string hostOfUrl(llvm::StringRef Url) {
  Url = Url.trim();
  size_t Scheme = Url.find("://");
  if (Scheme != llvm::StringRef::npos)
    Url = Url.drop_front(Scheme + 3);
  else if (Url.startswith("/") || Url.empty())
    return std::string();
  // userinfo@host:port/path?query#fragment
  Url = Url.take_until([](char C) { return C == '/' || C == '?' || C == '#'; });
  if (size_t At = Url.rfind('@'); At != llvm::StringRef::npos)
    Url = Url.drop_front(At + 1);
  if (Url.startswith("[")) // [::1]:8080
    return Url.take_until([](char C) { return C == ']'; }).drop_front().str() ==
                   "::1"
               ? std::string("::1")
               : std::string();
  Url = Url.take_until([](char C) { return C == ':'; });
  std::string Host = normalizeHost(Url);
  if (isLoopbackHost(Host))
    return Host;
  if (llvm::StringRef(Host).contains('{') || !isValidHostName(Host))
    return std::string();
  return Host;
}

bool isSystemCode(const clang::SourceManager &SM, clang::SourceLocation Loc) {
  if (Loc.isInvalid())
    return true;
  clang::SourceLocation Expansion = SM.getExpansionLoc(Loc);
  if (SM.isInSystemHeader(Expansion) || SM.isInExternCSystemHeader(Expansion))
    return true;
  // Library headers reached through -I (pkg-config, wx-config) are still the
  // system's: no project code lives under /usr.
  return SM.getFilename(Expansion).startswith("/usr/");
}

bool isOutsideProjectCode(const clang::SourceManager &SM,
                          clang::SourceLocation Loc) {
  if (isSystemCode(SM, Loc))
    return true;
  llvm::StringRef File = SM.getFilename(SM.getExpansionLoc(Loc));
  for (auto It = llvm::sys::path::begin(File), End = llvm::sys::path::end(File);
       It != End; ++It)
    if (nameMatches(*It, {"third_party", "third-party", "thirdparty", "3rdparty",
                          "external", "externals", "vendor", "deps"}))
      return true;
  return false;
}

} // namespace policycheck
