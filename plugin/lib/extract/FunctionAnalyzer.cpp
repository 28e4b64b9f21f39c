//===--- FunctionAnalyzer.cpp - Following data through one function -------===//
#include "extract/FunctionAnalyzer.h"

#include "policycheck/Category.h"
#include "policycheck/CodeFacts.h"
#include "policycheck/IdentifierWords.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>

namespace policycheck {

namespace {

using Environment = std::map<std::string, Value>;

/// The ParamUse field of a parameter used as a lookup key (`j.at(key)`).
const char *const KeyField = "#key";

/// The arguments a constructor call spells out: `std::string(kHost)` has one,
/// its allocator argument defaulted.
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
             Ctor->getConstructor()->getParent()->getName() != "basic_json")
      Next = Ctor->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// The environment key of a variable: its canonical declaration.
std::string varKey(const clang::VarDecl *VD) {
  std::string Key;
  llvm::raw_string_ostream OS(Key);
  OS << "v" << static_cast<const void *>(VD->getCanonicalDecl());
  return OS.str();
}

/// A narrow string literal (`"email"`), or null: wide and UTF-16 literals
/// have no text the analysis reads.
const clang::StringLiteral *narrowLiteral(const clang::Expr *E) {
  const auto *Lit = llvm::dyn_cast_or_null<clang::StringLiteral>(strip(E));
  return Lit && Lit->getCharByteWidth() == 1 ? Lit : nullptr;
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
  }
}

/// Words that mark a stored value as hashed or encrypted by its very name
/// (`password_hash`, `totp_secret_enc`).
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

/// The service's own data (`system.*`: its secrets, its operations) is in
/// the value.
bool holdsServiceData(const Taint &Data) {
  return llvm::any_of(Data.facts(), [](const DataFact &F) {
    return categoryCovers("system", F.Category);
  });
}

/// A function that hands out a part of something to write to: it returns a
/// non-const lvalue reference (`req.body()`, `get_lowest_layer(stream)`).
bool returnsMutableReference(const clang::FunctionDecl &F) {
  clang::QualType Returned = F.getReturnType();
  return Returned->isLValueReferenceType() &&
         !Returned.getNonReferenceType().isConstQualified();
}

/// The text of a string literal with only ASCII characters, whatever its
/// width (`u"https://..."` inside QStringLiteral).
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

/// The first string literal in an expression, however deep (a lambda's body
/// included).
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

/// A `{}`-style format string (fmt, std::format) with the arguments from
/// \p First in place: their texts, or `{?}` where a text is not known (which
/// never parses as a host).
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

/// A printf-style format string with the arguments from \p First in place:
/// a `%s` takes its argument's text, any other conversion `{?}`.
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

/// `at`, `value`, `get`, `find`: a lookup by key (`j.value("email", "")`,
/// `j.find("latitude")`). \p ReturnsObject: whether the call returns an
/// object (an iterator, a value), as opposed to a position in a string.
bool isKeyLookupName(llvm::StringRef Name, bool ReturnsObject) {
  return Name == "at" || Name == "value" || Name == "get" ||
         Name == "get_optional" || Name == "get_child" ||
         (Name == "find" && ReturnsObject);
}

/// `get`, `as`, `value`, `toDouble`, `asInt`, `GetInt64`, `to_double`: a
/// method that reads its object's value out as a number.
bool isValueConversionName(llvm::StringRef Name) {
  if (Name == "get" || Name == "as" || Name == "value" || Name == "at")
    return true;
  std::string Lower = Name.lower();
  llvm::StringRef Rest = Lower;
  if (!Rest.consume_front("to") && !Rest.consume_front("as") &&
      !Rest.consume_front("get"))
    return false;
  Rest.consume_front("_");
  static const llvm::StringRef Numbers[] = {
      "int",    "int32", "int64",  "uint",     "uint32",  "uint64",
      "long",   "longlong", "ulonglong", "ulong", "short", "double",
      "float",  "number", "real",   "integer",  "decimal"};
  return llvm::is_contained(Numbers, Rest);
}

/// `set`, `setRawHeader`, `set_email`, `SetBody`, `add`, `addQueryItem`: a
/// method that puts its arguments into its object.
bool isSetterName(llvm::StringRef Name) {
  for (llvm::StringRef Verb : {"set", "Set", "add", "Add"}) {
    if (!Name.startswith(Verb))
      continue;
    llvm::StringRef Rest = Name.drop_front(Verb.size());
    if (Rest.empty() || Rest.front() == '_' || (Rest.front() >= 'A' && Rest.front() <= 'Z'))
      return true;
  }
  return false;
}

static bool isDataFreeType(clang::QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  return T->isBooleanType() || T->isVoidType() ||
         (T->isIntegralOrEnumerationType() && !T->isCharType()) ||
         T->isRealFloatingType();
}

/// A pending part of an HTTP request built up through options (libcurl).
struct RequestPartUse {
  clang::SourceLocation Location;
  Taint Data;
  std::string Via;
};

struct RequestState {
  Value Url;
  clang::SourceLocation UrlLocation;
  bool HasUrl = false;
  std::vector<RequestPartUse> Parts;
};

class Walker {
public:
  Walker(TranslationUnitState &State, const clang::FunctionDecl *FD,
         FunctionSummary &Summary)
      : State(State), K(State.K), Ctx(State.Context), FD(FD), Summary(Summary) {}

  void run();

private:
  TranslationUnitState &State;
  const Knowledge &K;
  clang::ASTContext &Ctx;
  const clang::FunctionDecl *FD;
  FunctionSummary &Summary;
  Environment Env;
  std::map<std::string, RequestState> Requests;
  std::vector<Value> Returned;
  std::map<const clang::ParmVarDecl *, unsigned> ParamIndex;

  // --- Keys ------------------------------------------------------------------
  std::optional<std::string> keyOf(const clang::Expr *E);

  // --- Statements -------------------------------------------------------------
  void walk(const clang::Stmt *S);
  void walkBranches(const clang::Stmt *Then, const clang::Stmt *Else);

  // --- Expressions ------------------------------------------------------------
  Value eval(const clang::Expr *E);
  Value evalDeclRef(const clang::DeclRefExpr *E);
  Value evalMember(const clang::MemberExpr *E);
  Value evalBinding(const clang::BindingDecl *BD, clang::SourceLocation Loc);
  Value evalCall(const clang::CallExpr *E);
  Value evalOperatorCall(const clang::CXXOperatorCallExpr *E, bool &Handled);
  Value evalConstruct(const clang::CXXConstructExpr *E);
  Value evalInitList(const clang::InitListExpr *E);
  Value evalStreamChain(const clang::CXXOperatorCallExpr *E);
  /// Whether a stream's writes go to a request's body: a sink call that
  /// returns that stream, or a variable holding one.
  bool isBodyStream(const clang::Expr *Root);
  /// The text of an expression that is a whole text macro's expansion
  /// (`QStringLiteral("https://...")`), if it is one.
  std::optional<std::string> textMacroText(const clang::Expr *E);
  /// The stream model of the object written to, or null.
  const StreamModel *streamOf(const clang::Expr *RootExpr, unsigned Depth = 0);
  void streamWrite(const clang::Expr *Call, const clang::Expr *RootExpr,
                   const StreamModel &Stream, const Taint &Data);
  bool streamSink(const clang::CallExpr *E, const clang::Expr *Receiver,
                  const std::vector<Value> &Args);
  Value objectValue(const std::string &Key);
  void assign(const clang::Expr *Target, Value V, bool Merge);
  /// Adds data to an object and keeps what else it holds (its URL's text).
  void addDataInto(const clang::Expr *Target, const Value &Current,
                   const Taint &Data);

  /// What a declaration holds: its PRIVACY_DATA annotation, nothing when it
  /// is marked PRIVACY_NOT_PERSONAL, else what its name says.
  std::optional<DataFact> declFact(const clang::NamedDecl *D, NameKind Kind,
                                   TypeClass Type, llvm::StringRef Owner,
                                   clang::SourceLocation Loc, llvm::StringRef What);
  std::optional<DataFact> classifyName(llvm::StringRef Name, NameKind Kind,
                                       TypeClass Type, llvm::StringRef Owner,
                                       clang::SourceLocation Loc,
                                       llvm::StringRef What);
  std::optional<std::string> constantText(const clang::VarDecl *VD);
  /// The constant text a field holds in every method: what a constructor put
  /// there, else its in-class initializer's.
  std::optional<std::string> fieldText(const clang::FieldDecl *Field);

  // --- Calls --------------------------------------------------------------------
  Value applyFunctionModel(const FunctionModel &M, const clang::Expr *E,
                           const std::vector<Value> &Args,
                           const std::vector<const clang::Expr *> &ArgExprs,
                           const Value *Receiver, const std::string &Name);
  /// Instantiates a callee's summary at a call: its sinks, what it leaves in
  /// the object called (\p ReceiverExpr, a method's), what it returns.
  Value applySummary(const clang::FunctionDecl *Callee, const clang::CallExpr *E,
                     const std::vector<Value> &Args,
                     const std::vector<const clang::Expr *> &ArgExprs,
                     const Value *Receiver = nullptr,
                     const clang::Expr *ReceiverExpr = nullptr);
  /// What a parameter (or one of its fields) holds at a call site.
  Taint argumentData(const Value &Arg, const clang::Expr *ArgExpr,
                     const ParamUse &P);
  /// A lookup key's category: a literal's, or, for a parameter of this
  /// function, a use of it as a key (ParamUse::Field KeyField) for callers.
  void addKeyFact(const clang::Expr *KeyExpr, Taint &Into);
  std::optional<unsigned> keyParamIndex(const clang::Expr *KeyExpr);
  bool applyPolicyModels(const std::string &Name, const clang::CallExpr *E,
                         const std::vector<Value> &Args, Value &Result);
  void applySinkModel(const SinkModel &M, const std::string &Name,
                      const clang::CallExpr *E, const std::vector<Value> &Args);

  // --- Sinks ----------------------------------------------------------------------
  void sink(clang::SourceLocation Loc, Destination Target,
            std::optional<unsigned> UrlParam, const std::string &UrlPath,
            const Taint &Data, std::vector<FlowStep> Path = {},
            bool ReportVendor = true, bool ReportCategories = true);
  Destination httpDestination(const Value &Url, const std::string &Via,
                              std::optional<unsigned> &UrlParam);
  void finishRequests();

};

//===----------------------------------------------------------------------===//
// Keys: the access path of an lvalue, field-sensitive.
//===----------------------------------------------------------------------===//

std::optional<std::string> Walker::keyOf(const clang::Expr *E) {
  E = strip(E);
  if (!E)
    return std::nullopt;
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()))
      return varKey(VD);
    // A structured binding is a part of the variable that holds the whole.
    if (const auto *BD = llvm::dyn_cast<clang::BindingDecl>(DRE->getDecl()))
      if (BD->getBinding())
        return keyOf(BD->getBinding());
    return std::nullopt;
  }
  if (llvm::isa<clang::CXXThisExpr>(E))
    return std::string("this");
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E)) {
    if (!llvm::isa<clang::FieldDecl>(ME->getMemberDecl()))
      return std::nullopt;
    auto Base = keyOf(ME->getBase());
    if (!Base)
      return std::nullopt;
    return *Base + "." + ME->getMemberDecl()->getNameAsString();
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E))
    if (UO->getOpcode() == clang::UO_Deref || UO->getOpcode() == clang::UO_AddrOf)
      return keyOf(UO->getSubExpr());
  if (const auto *ASE = llvm::dyn_cast<clang::ArraySubscriptExpr>(E))
    return keyOf(ASE->getBase());
  // `hex + 2 * i`: a pointer into the buffer is the buffer.
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E))
    if ((BO->getOpcode() == clang::BO_Add || BO->getOpcode() == clang::BO_Sub) &&
        BO->getType()->isPointerType())
      return keyOf(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                             : BO->getRHS());
  if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E)) {
    // `json["email"]`: a key of an object.
    if (Op->getOperator() == clang::OO_Subscript && Op->getNumArgs() == 2) {
      auto Base = keyOf(Op->getArg(0));
      if (!Base)
        return std::nullopt;
      if (const auto *Lit =
              narrowLiteral((Op->getArg(1))))
        return *Base + "[" + Lit->getString().str() + "]";
      return Base;
    }
    if (Op->getOperator() == clang::OO_Star || Op->getOperator() == clang::OO_Arrow)
      return keyOf(Op->getArg(0));
  }
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E);
      Call && !llvm::isa<clang::CXXMemberCallExpr>(Call) &&
      !llvm::isa<clang::CXXOperatorCallExpr>(Call) && Call->getNumArgs() > 0) {
    // A free function that hands out a part of its argument to write to
    // (`beast::get_lowest_layer(stream).connect(...)`, `std::get<0>(t) = x`)
    // is that argument.
    if (const clang::FunctionDecl *Callee = Call->getDirectCallee();
        Callee && returnsMutableReference(*Callee))
      return keyOf(Call->getArg(0));
  }
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    // Accessors that return the object itself or an element of it.
    if (const auto *M = MC->getMethodDecl()) {
      llvm::StringRef Name = M->getName();
      if (Name == "at" || Name == "operator[]" || Name == "front" ||
          Name == "back" || Name == "get" || Name == "value" ||
          Name == "data" || Name == "c_str" || Name == "begin" ||
          Name == "str" || Name == "rdbuf")
        return keyOf(MC->getImplicitObjectArgument());
      // A method that hands out a part of its object to write to
      // (`req.body() = json`, `msg.headers()`): that part, keyed by the
      // method's name, so that the object's own value (its URL) stays. One
      // that returns the object itself (`builder.with(x)`) is the object.
      if (returnsMutableReference(*M)) {
        auto Base = keyOf(MC->getImplicitObjectArgument());
        if (!Base)
          return std::nullopt;
        const auto *Record =
            M->getReturnType().getNonReferenceType()->getAsCXXRecordDecl();
        if (Record && Record->getCanonicalDecl() == M->getParent()->getCanonicalDecl())
          return Base;
        return *Base + "." + Name.str() + "()";
      }
    }
  }
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

void Walker::run() {
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const clang::ParmVarDecl *P = FD->getParamDecl(I);
    ParamIndex[P] = I;
    Value V;
    // A parameter whose own name says what it holds is known here: the
    // finding belongs in this function, not at its callers.
    if (auto Fact = declFact(P, NameKind::Identifier,
                             classifyType(P->getType()), "", P->getLocation(),
                             "the parameter"))
      V.Data.add(*Fact);
    else
      V.Data.addParam({I, Protection(), ""});
    V.TextParam = I;
    Env[varKey(P)] = V;
  }
  // A method's object is a parameter too: what its fields hold comes from
  // the caller's object (`tracker.send()` sends what `tracker` was given).
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
  bool HasReceiver = Method && Method->isInstance() &&
                     !llvm::isa<clang::CXXConstructorDecl>(Method) &&
                     !llvm::isa<clang::CXXDestructorDecl>(Method);
  if (HasReceiver)
    Env["this"].Data.addParam({ParamUse::Receiver, Protection(), ""});
  if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(FD))
    for (const clang::CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && Init->getMember() && Init->getInit()) {
        Value V = eval(Init->getInit());
        Env["this." + Init->getMember()->getNameAsString()] = V;
      }
  walk(FD->getBody());
  finishRequests();
  if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(FD))
    // What a constructor puts in a field, every method finds there
    // (`endpoint_(config::r2_endpoint())`).
    for (const clang::FieldDecl *Field : Ctor->getParent()->fields()) {
      auto It = Env.find("this." + Field->getNameAsString());
      if (It != Env.end() && It->second.Text)
        State.FieldText.emplace(Field, *It->second.Text);
    }
  if (HasReceiver) {
    std::string Prefix = "this.";
    for (auto It = Env.lower_bound(Prefix);
         It != Env.end() && llvm::StringRef(It->first).startswith(Prefix); ++It)
      if (!It->second.Data.empty())
        Summary.ReceiverWrites.push_back({It->first.substr(4), It->second.Data});
  }
  for (const Value &V : Returned)
    Summary.Returns.merge(V.Data);
  // The text a function returns: a constant, or a parameter's; a value read
  // from the environment or settings at run time gives way to its default.
  for (const Value &V : Returned) {
    if (V.Text && !Summary.ReturnText && !Summary.ReturnTextParam)
      Summary.ReturnText = V.Text;
    else if (V.TextParam && !Summary.ReturnText && !Summary.ReturnTextParam)
      Summary.ReturnTextParam = V.TextParam;
  }
}

void Walker::walkBranches(const clang::Stmt *Then, const clang::Stmt *Else) {
  Environment Before = Env;
  walk(Then);
  Environment AfterThen = std::move(Env);
  Env = std::move(Before);
  walk(Else);
  joinInto(Env, AfterThen);
}

void Walker::walk(const clang::Stmt *S) {
  if (!S)
    return;
  if (const auto *CS = llvm::dyn_cast<clang::CompoundStmt>(S)) {
    for (const clang::Stmt *Child : CS->body())
      walk(Child);
    return;
  }
  if (const auto *DS = llvm::dyn_cast<clang::DeclStmt>(S)) {
    for (const clang::Decl *D : DS->decls())
      if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(D)) {
        if (!VD->hasInit())
          continue;
        Value V = eval(VD->getInit());
        if (V.Guessed)
          // `auto rendered_audio = dsp::render(path, steps)` with `render`
          // defined elsewhere: the variable's name says what the result is.
          if (auto Fact = declFact(VD, NameKind::Identifier,
                                   classifyType(VD->getType()), "",
                                   VD->getLocation(), "the variable")) {
            V.Data = Taint();
            V.Data.add(*Fact);
          }
        Env[varKey(VD)] = std::move(V);
      }
    return;
  }
  if (const auto *If = llvm::dyn_cast<clang::IfStmt>(S)) {
    if (If->getInit())
      walk(If->getInit());
    if (If->getConditionVariableDeclStmt())
      walk(If->getConditionVariableDeclStmt());
    const clang::Expr *Cond = If->getCond();
    bool Known = false, Truth = false;
    if (If->isConstexpr()) {
      if (llvm::Optional<const clang::Stmt *> Taken = If->getNondiscardedCase(Ctx)) {
        walk(*Taken);
        return;
      }
    }
    if (Cond && !Cond->isValueDependent() &&
        Cond->EvaluateAsBooleanCondition(Truth, Ctx))
      Known = true;
    if (!Known && Cond)
      eval(Cond);
    if (Known) {
      // Code under a condition that is constant is only what it runs.
      walk(Truth ? If->getThen() : If->getElse());
      return;
    }
    walkBranches(If->getThen(), If->getElse());
    return;
  }
  if (const auto *R = llvm::dyn_cast<clang::ReturnStmt>(S)) {
    if (R->getRetValue())
      Returned.push_back(eval(R->getRetValue()));
    return;
  }
  // Loops: twice, so that data assigned late in the body reaches uses early
  // in it.
  auto Loop = [&](const clang::Stmt *Body, const clang::Expr *Cond) {
    Environment Before = Env;
    for (int Pass = 0; Pass < 2; ++Pass) {
      if (Cond)
        eval(Cond);
      walk(Body);
    }
    joinInto(Env, Before);
  };
  if (const auto *For = llvm::dyn_cast<clang::ForStmt>(S)) {
    walk(For->getInit());
    Loop(For->getBody(), For->getCond());
    if (For->getInc())
      eval(For->getInc());
    return;
  }
  if (const auto *While = llvm::dyn_cast<clang::WhileStmt>(S)) {
    bool Truth = true;
    if (While->getCond() && !While->getCond()->isValueDependent() &&
        While->getCond()->EvaluateAsBooleanCondition(Truth, Ctx) && !Truth)
      return;
    Loop(While->getBody(), While->getCond());
    return;
  }
  if (const auto *Do = llvm::dyn_cast<clang::DoStmt>(S)) {
    Loop(Do->getBody(), Do->getCond());
    return;
  }
  if (const auto *Range = llvm::dyn_cast<clang::CXXForRangeStmt>(S)) {
    // The loop variable holds what the range holds.
    Value RangeValue = eval(Range->getRangeInit());
    if (const clang::VarDecl *LoopVar = Range->getLoopVariable()) {
      Value Element;
      Element.Data = RangeValue.Data;
      Env[varKey(LoopVar)] = Element;
    }
    Loop(Range->getBody(), nullptr);
    return;
  }
  if (const auto *Switch = llvm::dyn_cast<clang::SwitchStmt>(S)) {
    if (Switch->getCond())
      eval(Switch->getCond());
    Environment Before = Env;
    walk(Switch->getBody());
    joinInto(Env, Before);
    return;
  }
  if (const auto *Case = llvm::dyn_cast<clang::SwitchCase>(S)) {
    walk(Case->getSubStmt());
    return;
  }
  if (const auto *Try = llvm::dyn_cast<clang::CXXTryStmt>(S)) {
    walk(Try->getTryBlock());
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I)
      walkBranches(Try->getHandler(I)->getHandlerBlock(), nullptr);
    return;
  }
  if (const auto *Label = llvm::dyn_cast<clang::LabelStmt>(S)) {
    walk(Label->getSubStmt());
    return;
  }
  if (const auto *E = llvm::dyn_cast<clang::Expr>(S)) {
    eval(E);
    return;
  }
  for (const clang::Stmt *Child : S->children())
    walk(Child);
}

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

std::optional<DataFact> Walker::classifyName(llvm::StringRef Name, NameKind Kind,
                                             TypeClass Type,
                                             llvm::StringRef Owner,
                                             clang::SourceLocation Loc,
                                             llvm::StringRef What) {
  if (Name.empty())
    return std::nullopt;
  auto Result = K.Names.classify(Name, Kind, Type, Owner);
  if (!Result)
    return std::nullopt;
  DataFact Fact;
  Fact.Category = Result->Category;
  Fact.Origin = Loc;
  Fact.How = (What + " '" + Name + "' (" +
              (Result->Rule && Result->Rule->FromPolicy
                   ? "named in the policy's identifiers"
                   : "by its name") +
              ")")
                 .str();
  Fact.Protected = protectionFromName(Name);
  return Fact;
}

std::optional<DataFact> Walker::declFact(const clang::NamedDecl *D, NameKind Kind,
                                         TypeClass Type, llvm::StringRef Owner,
                                         clang::SourceLocation Loc,
                                         llvm::StringRef What) {
  const DeclAnnotations &A = State.annotationsOf(D);
  if (A.DataCategory) {
    DataFact Fact;
    Fact.Category = *A.DataCategory;
    Fact.Origin = Loc;
    Fact.How = (What + " '" + D->getName() + "' (annotated PRIVACY_DATA)").str();
    return Fact;
  }
  if (A.NotPersonal)
    return std::nullopt;
  return classifyName(D->getName(), Kind, Type, Owner, Loc, What);
}

std::optional<std::string> Walker::constantText(const clang::VarDecl *VD) {
  VD = VD->getCanonicalDecl();
  auto It = State.GlobalText.find(VD);
  if (It != State.GlobalText.end())
    return It->second;
  State.GlobalText[VD] = std::nullopt; // guards against cycles
  std::optional<std::string> Text;
  const clang::VarDecl *Def = VD->getDefinition() ? VD->getDefinition() : VD;
  if (const clang::Expr *Init = Def->getAnyInitializer()) {
    const clang::Expr *E = strip(Init);
    if (const auto *Lit = llvm::dyn_cast<clang::StringLiteral>(E);
        Lit && Lit->getCharByteWidth() == 1)
      Text = Lit->getString().str();
    else if (const auto *Ref = llvm::dyn_cast<clang::DeclRefExpr>(E)) {
      if (const auto *Other = llvm::dyn_cast<clang::VarDecl>(Ref->getDecl()))
        Text = constantText(Other);
    } else if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructExpr>(E)) {
      if (Ctor->getNumArgs() >= 1)
        if (const auto *Lit =
                narrowLiteral((Ctor->getArg(0))))
          Text = Lit->getString().str();
    } else {
      // Concatenations of constants, calls with literal defaults, text
      // macros: what the evaluator makes of the whole initializer.
      Value V = eval(Init);
      Text = V.Text;
    }
  }
  State.GlobalText[VD] = Text;
  return Text;
}

Value Walker::objectValue(const std::string &Key) {
  // A whole object holds what its fields and keys hold.
  Value V;
  auto It = Env.find(Key);
  if (It != Env.end())
    V = It->second;
  // Fields (`Key.f`) and keys (`Key[k]`) each sort together after Key.
  for (const char *Separator : {".", "["}) {
    std::string Prefix = Key + Separator;
    for (auto I = Env.lower_bound(Prefix);
         I != Env.end() && llvm::StringRef(I->first).startswith(Prefix); ++I)
      V.Data.merge(I->second.Data);
  }
  return V;
}

/// The flow has said what a value is, in a way its variable's name cannot
/// overrule: the service's own secret, or a hash or a ciphertext of something
/// (`unsigned char mac[...]` written by HMAC is no MAC address).
static bool flowDecidesOverName(const Taint &Data) {
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

Value Walker::evalDeclRef(const clang::DeclRefExpr *E) {
  const clang::ValueDecl *D = E->getDecl();
  if (const auto *BD = llvm::dyn_cast<clang::BindingDecl>(D))
    return evalBinding(BD, E->getLocation());
  const auto *VD = llvm::dyn_cast<clang::VarDecl>(D);
  if (!VD)
    return Value();
  auto Key = keyOf(E);
  Value V = Key ? objectValue(*Key) : Value();
  bool Known = Key && Env.count(*Key);
  TypeClass Type = classifyType(VD->getType());
  bool IsParam = llvm::isa<clang::ParmVarDecl>(VD);
  if (!IsParam && !(Known && flowDecidesOverName(V.Data))) {
    // The name says what the variable holds unless the flow already said it.
    if (auto Fact = declFact(VD, NameKind::Identifier, Type, "",
                             E->getLocation(), "the variable"))
      if (!V.Data.hasCategory(Fact->Category))
        V.Data.add(*Fact);
  }
  if (!Known && !V.Text && !VD->isLocalVarDecl() && !IsParam)
    V.Text = constantText(VD);
  if (!Known && !V.Text && VD->isLocalVarDecl() && VD->getType().isConstQualified())
    V.Text = constantText(VD);
  return V;
}

Value Walker::evalBinding(const clang::BindingDecl *BD, clang::SourceLocation Loc) {
  // `const auto& [lat, lng] = trip.dropoff`: the binding is a member (or a
  // get<I>) of the hidden variable that holds the whole; an element of a
  // range whose fields are not known one by one holds what the whole holds.
  Value V = BD->getBinding() ? eval(BD->getBinding()) : Value();
  if (V.Data.empty())
    if (const auto *Whole = llvm::dyn_cast_or_null<clang::VarDecl>(BD->getDecomposedDecl()))
      if (auto It = Env.find(varKey(Whole)); It != Env.end())
        V.Data.merge(It->second.Data);
  if (auto Fact = declFact(BD, NameKind::Identifier, classifyType(BD->getType()), "",
                           Loc, "the variable"))
    if (!V.Data.hasCategory(Fact->Category))
      V.Data.add(*Fact);
  return V;
}

Value Walker::evalMember(const clang::MemberExpr *E) {
  const auto *Field = llvm::dyn_cast<clang::FieldDecl>(E->getMemberDecl());
  if (!Field) {
    if (const auto *VD = llvm::dyn_cast<clang::VarDecl>(E->getMemberDecl())) {
      Value V;
      V.Text = constantText(VD);
      if (auto Fact = declFact(VD, NameKind::Identifier,
                               classifyType(VD->getType()), "",
                               E->getMemberLoc(), "the member"))
        V.Data.add(*Fact);
      return V;
    }
    return Value();
  }
  auto Key = keyOf(E);
  Value V = Key ? objectValue(*Key) : Value();
  bool Known = Key && Env.count(*Key);
  std::string Owner = Field->getParent()->getNameAsString();
  if (auto Fact = declFact(Field, NameKind::Identifier,
                           classifyType(Field->getType()), Owner,
                           E->getMemberLoc(), "the field"))
    if (!V.Data.hasCategory(Fact->Category))
      V.Data.add(*Fact);
  if (!Known) {
    V.Text = fieldText(Field);
    // A field of a parameter carries what that field of the argument
    // carries at the call site.
    Value Base = eval(E->getBase());
    for (ParamUse P : Base.Data.params()) {
      P.Field += "." + Field->getNameAsString();
      V.Data.addParam(P);
    }
  }
  return V;
}

std::optional<std::string> Walker::fieldText(const clang::FieldDecl *Field) {
  auto FT = State.FieldText.find(Field);
  if (FT != State.FieldText.end())
    return FT->second;
  if (!Field->hasInClassInitializer() || Field->getParent()->isDependentContext())
    return std::nullopt;
  auto [It, First] = State.InClassFieldText.try_emplace(Field);
  if (First) // evaluated once; the entry guards against cycles meanwhile
    It->second = eval(Field->getInClassInitializer()).Text;
  return It->second; // map iterators stay valid while eval inserts
}

/// A key names the value stored under it (`"email": addr`), unless the value
/// is a constant of the code (`"distinct_id": "server"`) or the service's own
/// secret (`"api_key": config::posthog_key()`): constants and the service's
/// secrets are not user data, whatever the key says.
static bool mayHoldUserData(const Value &V) {
  if (V.Text && V.Data.empty())
    return false;
  return !holdsServiceData(V.Data);
}

void Walker::assign(const clang::Expr *Target, Value V, bool Merge) {
  const clang::Expr *T = strip(Target);
  // `json["email"] = value`: the key names the value.
  if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(T))
    if (Op->getOperator() == clang::OO_Subscript && Op->getNumArgs() == 2 &&
        mayHoldUserData(V))
      if (const auto *Lit =
              narrowLiteral((Op->getArg(1))))
        if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                     TypeClass::Unknown, "", Lit->getBeginLoc(),
                                     "the key"))
          V.Data.add(*Fact);
  auto Key = keyOf(T);
  if (!Key)
    return;
  if (Merge && Env.count(*Key)) {
    Env[*Key].Data.merge(V.Data);
    Env[*Key].Text.reset();
    return;
  }
  Env[*Key] = std::move(V);
}

void Walker::addDataInto(const clang::Expr *Target, const Value &Current,
                         const Taint &Data) {
  if (Data.empty())
    return;
  auto Key = keyOf(Target);
  if (!Key)
    return;
  auto It = Env.find(*Key);
  if (It == Env.end())
    It = Env.emplace(*Key, Current).first;
  It->second.Data.merge(Data);
}

Value Walker::evalInitList(const clang::InitListExpr *E) {
  Value V;
  // {"email", value} pairs: the key names the value (JSON objects, maps).
  if (E->getNumInits() == 2)
    if (const auto *Lit =
            narrowLiteral((E->getInit(0)))) {
      Value Stored = eval(E->getInit(1));
      if (mayHoldUserData(Stored))
        if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                     TypeClass::Unknown, "", Lit->getBeginLoc(),
                                     "the key"))
          V.Data.add(*Fact);
      V.Data.merge(Stored.Data);
      return V;
    }
  for (const clang::Expr *Init : E->inits())
    V.Data.merge(eval(Init).Data);
  return V;
}

Value Walker::evalConstruct(const clang::CXXConstructExpr *E) {
  Value V;
  const clang::CXXConstructorDecl *Ctor = E->getConstructor();
  // A standard container or string sized by a number (`std::string out(n,
  // '\0')`) holds none of that number's data; a std::optional, pair, tuple
  // or variant of a number holds that number.
  llvm::StringRef Made = Ctor->getParent()->getName();
  bool StandardType = qualifiedName(*Ctor->getParent()).rfind("std::", 0) == 0 &&
                      Made != "optional" && Made != "pair" && Made != "tuple" &&
                      Made != "variant";
  std::vector<Value> Args;
  for (const clang::Expr *Arg : E->arguments()) {
    Value A = eval(Arg);
    if (StandardType && isDataFreeType(Arg->getType()))
      A = Value();
    Args.push_back(std::move(A));
  }
  // The object holds what it was made from.
  for (Value &A : Args)
    V.Data.merge(A.Data);
  std::string Name = qualifiedName(*Ctor);
  const FunctionModel *M = K.Models.find(Name);
  // A copy is not a new request, query or binding.
  if (M && !Ctor->isCopyOrMoveConstructor()) {
    std::vector<const clang::Expr *> ArgExprs(E->arg_begin(), E->arg_end());
    switch (M->Role) {
    case ModelRole::UrlBinding:
      // `QUrl(url)`, `HTTPRequest(method, uri)`: the object is bound to the
      // URL's text and holds its data (a query string).
      if (M->UrlArgument && *M->UrlArgument < Args.size()) {
        V.Text = Args[*M->UrlArgument].Text;
        V.TextParam = Args[*M->UrlArgument].TextParam;
      }
      return V;
    case ModelRole::Sink:
      // `QSqlQuery query(sql)` runs the query it is made with.
      applyFunctionModel(*M, E, Args, ArgExprs, nullptr, Name);
      return V;
    default:
      break;
    }
  }
  // A conversion (`std::string(kHost)`, its allocator defaulted) keeps the
  // text of what it converts.
  if (writtenArguments(E) == 1 && !Args.empty()) {
    V.Text = Args.front().Text;
    V.TextParam = Args.front().TextParam;
  }
  if (Ctx.getLangOpts().CPlusPlus && Ctor->getParent() &&
      Ctor->hasBody() && State.isAnalyzable(Ctor)) {
    // A constructor the code base defines: its summary (sinks in it).
    std::vector<const clang::Expr *> ArgExprs(E->arg_begin(), E->arg_end());
    Value Summarized = applySummary(Ctor, nullptr, Args, ArgExprs);
    V.Data.merge(Summarized.Data);
  }
  return V;
}

const StreamModel *Walker::streamOf(const clang::Expr *RootExpr, unsigned Depth) {
  RootExpr = strip(RootExpr);
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(RootExpr);
      UO && UO->getOpcode() == clang::UO_AddrOf)
    RootExpr = strip(UO->getSubExpr()); // `QTextStream out(&file)`
  const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(RootExpr);
  if (DRE)
    if (const StreamModel *S = K.Models.streamForObject(qualifiedName(*DRE->getDecl())))
      return S;
  clang::QualType T = RootExpr->getType().getNonReferenceType();
  if (T->isPointerType())
    T = T->getPointeeType();
  const auto *Record = T->getAsCXXRecordDecl();
  const StreamModel *S = Record ? K.Models.streamForType(qualifiedName(*Record)) : nullptr;
  if (!S || S->Kind != StreamKind::Device)
    return S;
  // A stream over a device writes where the device does: the device is the
  // first argument the variable was made with (`QTextStream out(&file)`), or
  // the one a temporary is made with (`QTextStream(stdout) << x`).
  const clang::Expr *MadeWith = RootExpr;
  if (const auto *VD = DRE ? llvm::dyn_cast<clang::VarDecl>(DRE->getDecl()) : nullptr)
    MadeWith = VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr;
  const auto *Made = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(MadeWith);
  if (!Made || Made->getNumArgs() == 0 || Depth > 4)
    return nullptr;
  return streamOf(Made->getArg(0), Depth + 1);
}

void Walker::streamWrite(const clang::Expr *Call, const clang::Expr *RootExpr,
                         const StreamModel &Stream, const Taint &Data) {
  RootExpr = strip(RootExpr);
  std::string Via = "operator<<";
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(RootExpr))
    Via = qualifiedName(*DRE->getDecl());
  switch (Stream.Kind) {
  case StreamKind::Log: {
    Destination D;
    D.Kind = DestinationKind::Log;
    D.Via = Via;
    sink(Call->getBeginLoc(), D, std::nullopt, "", Data);
    break;
  }
  case StreamKind::Storage: {
    Destination D;
    D.Kind = DestinationKind::Storage;
    // The stream's type as the code spells it: `std::ofstream`, `QFile`.
    clang::QualType T = RootExpr->getType().getNonReferenceType();
    if (T->isPointerType())
      T = T->getPointeeType();
    D.Via = T.getUnqualifiedType().getAsString(Ctx.getPrintingPolicy());
    sink(Call->getBeginLoc(), D, std::nullopt, "", Data);
    break;
  }
  case StreamKind::Device: // streamOf gives the device's stream instead
    break;
  case StreamKind::Buffer:
    if (auto Key = keyOf(RootExpr)) {
      Value Old = Env.count(*Key) ? Env[*Key] : Value();
      Old.Data.merge(Data);
      Old.Text.reset();
      Env[*Key] = Old;
    }
    break;
  }
}

bool Walker::streamSink(const clang::CallExpr *E, const clang::Expr *Receiver,
                        const std::vector<Value> &Args) {
  const StreamModel *Stream = streamOf(Receiver);
  if (!Stream)
    return false;
  Taint Data;
  for (const Value &A : Args)
    Data.merge(A.Data);
  streamWrite(E, Receiver, *Stream, Data);
  return true;
}

Value Walker::evalStreamChain(const clang::CXXOperatorCallExpr *E) {
  // Flatten `a << b << c` to its root and operands.
  std::vector<const clang::Expr *> Operands;
  const clang::Expr *Root = E;
  while (true) {
    const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(strip(Root));
    if (!Op || Op->getOperator() != clang::OO_LessLess || Op->getNumArgs() != 2)
      break;
    Operands.push_back(Op->getArg(1));
    Root = Op->getArg(0);
  }
  std::reverse(Operands.begin(), Operands.end());
  // The root may itself be a call that matters (`qDebug()`, a sink that
  // returns its stream).
  Value RootValue;
  if (llvm::isa<clang::CallExpr>(strip(Root)))
    RootValue = eval(Root);
  else if (auto Key = keyOf(Root); Key && Env.count(*Key))
    RootValue = Env[*Key];
  Taint Data;
  for (const clang::Expr *Operand : Operands)
    Data.merge(eval(Operand).Data);

  if (const StreamModel *Stream = streamOf(Root))
    streamWrite(E, Root, *Stream, Data);
  else if (RootValue.Stream)
    sink(E->getBeginLoc(), RootValue.Stream->Target, RootValue.Stream->UrlParam,
         RootValue.Stream->UrlPath, Data);
  return Value();
}

bool Walker::isBodyStream(const clang::Expr *Root) {
  Root = strip(Root);
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(Root)) {
    const clang::FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionModel *M = Callee ? K.Models.find(qualifiedName(*Callee)) : nullptr;
    return M && M->ReturnsBodyStream;
  }
  auto Key = keyOf(Root);
  auto It = Key ? Env.find(*Key) : Env.end();
  return It != Env.end() && It->second.Stream;
}

Value Walker::evalOperatorCall(const clang::CXXOperatorCallExpr *E,
                               bool &Handled) {
  Handled = true;
  switch (E->getOperator()) {
  case clang::OO_LessLess:
    // `stream << a << b` on any modelled stream: std::cerr, std::ofstream,
    // std::ostringstream, QDebug, ...
    if (E->getNumArgs() == 2) {
      const clang::Expr *Root = E;
      while (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(strip(Root))) {
        if (Op->getOperator() != clang::OO_LessLess || Op->getNumArgs() != 2)
          break;
        Root = Op->getArg(0);
      }
      if (streamOf(Root) || isBodyStream(Root))
        return evalStreamChain(E);
    }
    break;
  case clang::OO_Equal:
    if (E->getNumArgs() == 2) {
      Value V = eval(E->getArg(1));
      assign(E->getArg(0), V, /*Merge=*/false);
      return V;
    }
    break;
  case clang::OO_PlusEqual:
    if (E->getNumArgs() == 2) {
      Value V = eval(E->getArg(1));
      assign(E->getArg(0), V, /*Merge=*/true);
      return V;
    }
    break;
  case clang::OO_Plus:
    if (E->getNumArgs() == 2) {
      Value L = eval(E->getArg(0)), R = eval(E->getArg(1));
      Value V;
      V.Data = L.Data;
      V.Data.merge(R.Data);
      if (L.Text && R.Text)
        V.Text = *L.Text + *R.Text;
      else if (L.Text)
        // The rest is known only at run time; the prefix still names the
        // host (`endpoint + "/" + key`). `{?}` never parses as a host.
        V.Text = *L.Text + "{?}";
      else if (L.TextParam && R.Text) {
        // A parameter's URL with a path appended keeps the parameter's host.
        V.TextParam = L.TextParam;
      }
      return V;
    }
    break;
  case clang::OO_Subscript:
    if (E->getNumArgs() == 2) {
      // Reading `json["email"]`: the key names what is read.
      Value V;
      auto Key = keyOf(E);
      if (Key && Env.count(*Key))
        V = objectValue(*Key);
      else {
        Value Base = eval(E->getArg(0));
        for (const ParamUse &P : Base.Data.params())
          V.Data.addParam(P);
      }
      addKeyFact(E->getArg(1), V.Data);
      if (!narrowLiteral(E->getArg(1))) {
        eval(E->getArg(1));
        V.Data.merge(eval(E->getArg(0)).Data);
      }
      return V;
    }
    break;
  default:
    break;
  }
  Handled = false;
  return Value();
}

std::optional<std::string> Walker::textMacroText(const clang::Expr *E) {
  // The whole expression is one expansion of a text macro.
  const clang::SourceManager &SM = Ctx.getSourceManager();
  const clang::LangOptions &LO = Ctx.getLangOpts();
  clang::SourceLocation Begin = E->getBeginLoc(), End = E->getEndLoc();
  clang::SourceLocation ExpansionBegin, ExpansionEnd;
  if (!clang::Lexer::isAtStartOfMacroExpansion(Begin, SM, LO, &ExpansionBegin) ||
      !clang::Lexer::isAtEndOfMacroExpansion(End, SM, LO, &ExpansionEnd))
    return std::nullopt;
  if (!K.Models.isTextMacro(clang::Lexer::getImmediateMacroName(Begin, SM, LO)))
    return std::nullopt;
  if (const clang::StringLiteral *Lit = firstStringLiteral(E))
    return asciiText(Lit);
  return std::nullopt;
}

Value Walker::eval(const clang::Expr *E) {
  if (!E)
    return Value();
  // Before the parentheses go: a macro's expansion often starts with one.
  if (E->getBeginLoc().isMacroID() && E->getType()->isRecordType())
    if (auto Text = textMacroText(E)) {
      Value V;
      V.Text = std::move(Text);
      return V;
    }
  E = E->IgnoreParens();
  if (const auto *Lit = llvm::dyn_cast<clang::StringLiteral>(E)) {
    Value V;
    if (Lit->getCharByteWidth() == 1) // u"" and L"" have no text we read
      V.Text = Lit->getString().str();
    return V;
  }
  if (const auto *Cast = llvm::dyn_cast<clang::CastExpr>(E))
    return eval(Cast->getSubExpr());
  if (const auto *M = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(E))
    return eval(M->getSubExpr());
  if (const auto *B = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(E))
    return eval(B->getSubExpr());
  if (const auto *C = llvm::dyn_cast<clang::ExprWithCleanups>(E))
    return eval(C->getSubExpr());
  if (const auto *D = llvm::dyn_cast<clang::CXXDefaultArgExpr>(E))
    return eval(D->getExpr());
  if (const auto *Constant = llvm::dyn_cast<clang::ConstantExpr>(E))
    return eval(Constant->getSubExpr()); // a consteval format string
  if (const auto *D = llvm::dyn_cast<clang::CXXDefaultInitExpr>(E))
    return eval(D->getExpr());
  if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(E))
    return evalDeclRef(DRE);
  if (const auto *ME = llvm::dyn_cast<clang::MemberExpr>(E))
    return evalMember(ME);
  if (llvm::isa<clang::CXXThisExpr>(E))
    return objectValue("this");
  if (const auto *IL = llvm::dyn_cast<clang::InitListExpr>(E))
    return evalInitList(IL);
  if (const auto *SIL = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(E))
    return eval(SIL->getSubExpr());
  if (const auto *Op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(E)) {
    bool Handled = false;
    Value V = evalOperatorCall(Op, Handled);
    if (Handled)
      return V;
    return evalCall(Op);
  }
  if (const auto *Call = llvm::dyn_cast<clang::CallExpr>(E))
    return evalCall(Call);
  if (const auto *Ctor = llvm::dyn_cast<clang::CXXConstructExpr>(E))
    return evalConstruct(Ctor);
  if (const auto *Cond = llvm::dyn_cast<clang::AbstractConditionalOperator>(E)) {
    bool Truth = false;
    if (!Cond->getCond()->isValueDependent() &&
        Cond->getCond()->EvaluateAsBooleanCondition(Truth, Ctx))
      return eval(Truth ? Cond->getTrueExpr() : Cond->getFalseExpr());
    eval(Cond->getCond());
    Value T = eval(Cond->getTrueExpr()), F = eval(Cond->getFalseExpr());
    Value V;
    V.Data = T.Data;
    V.Data.merge(F.Data);
    // `getenv("HOST") ? getenv("HOST") : "api.example.com"`: the literal
    // default is what the text resolves to (contract section 1).
    V.Text = T.Text ? T.Text : F.Text;
    V.TextParam = T.TextParam ? T.TextParam : F.TextParam;
    return V;
  }
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E)) {
    if (BO->isAssignmentOp()) {
      Value V = eval(BO->getRHS());
      assign(BO->getLHS(), V, BO->isCompoundAssignmentOp());
      return V;
    }
    Value L = eval(BO->getLHS()), R = eval(BO->getRHS());
    if (BO->isComparisonOp() || BO->isLogicalOp())
      return Value(); // a comparison holds no data
    if (BO->getOpcode() == clang::BO_Comma)
      return R;
    Value V;
    V.Data = L.Data;
    V.Data.merge(R.Data);
    return V;
  }
  if (const auto *UO = llvm::dyn_cast<clang::UnaryOperator>(E)) {
    Value V = eval(UO->getSubExpr());
    if (UO->getOpcode() == clang::UO_LNot)
      return Value();
    return V;
  }
  if (const auto *Lambda = llvm::dyn_cast<clang::LambdaExpr>(E)) {
    // The body runs where it is called; analysing it here, with the captured
    // variables as they are, finds the same sinks once. An init-capture
    // (`[to = rider.phone]`) is a variable of the body holding its init.
    auto Init = Lambda->capture_init_begin();
    for (const clang::LambdaCapture &Capture : Lambda->captures()) {
      const clang::Expr *InitExpr = *Init++;
      Value Captured = InitExpr ? eval(InitExpr) : Value();
      if (Capture.capturesVariable())
        if (const clang::VarDecl *Var = Capture.getCapturedVar(); Var->isInitCapture())
          Env[varKey(Var)] = std::move(Captured);
    }
    walk(Lambda->getBody());
    return Value();
  }
  if (const auto *Temp = llvm::dyn_cast<clang::CXXTemporaryObjectExpr>(E))
    return evalConstruct(Temp);
  if (llvm::isa<clang::IntegerLiteral>(E) || llvm::isa<clang::FloatingLiteral>(E) ||
      llvm::isa<clang::CXXBoolLiteralExpr>(E) ||
      llvm::isa<clang::CharacterLiteral>(E) || llvm::isa<clang::UnaryExprOrTypeTraitExpr>(E))
    return Value();
  // Anything else: what its parts hold.
  Value V;
  for (const clang::Stmt *Child : E->children())
    if (const auto *CE = llvm::dyn_cast_or_null<clang::Expr>(Child))
      V.Data.merge(eval(CE).Data);
  return V;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

Value Walker::evalCall(const clang::CallExpr *E) {
  const clang::FunctionDecl *Callee = E->getDirectCallee();
  const Value *ReceiverPtr = nullptr;
  Value Receiver;
  const clang::Expr *ReceiverExpr = nullptr;
  unsigned FirstArg = 0;
  if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E)) {
    ReceiverExpr = MC->getImplicitObjectArgument();
  } else if (llvm::isa<clang::CXXOperatorCallExpr>(E)) {
    // A member operator's object is its first argument.
    if (Callee && llvm::isa<clang::CXXMethodDecl>(Callee) && E->getNumArgs() > 0) {
      ReceiverExpr = E->getArg(0);
      FirstArg = 1;
    }
  }
  if (ReceiverExpr) {
    Receiver = eval(ReceiverExpr);
    ReceiverPtr = &Receiver;
  }
  std::vector<Value> Args;
  std::vector<const clang::Expr *> ArgExprs;
  for (unsigned I = FirstArg; I < E->getNumArgs(); ++I) {
    ArgExprs.push_back(E->getArg(I));
    Args.push_back(eval(E->getArg(I)));
  }
  if (!Callee) {
    Value V;
    for (const Value &A : Args)
      V.Data.merge(A.Data);
    return V;
  }
  std::string Name = qualifiedName(*Callee);
  Value Result;
  // `out.write(buf, n)` and `out.put(c)` on a stream, as `out << buf`.
  if (ReceiverExpr && (Callee->getName() == "write" || Callee->getName() == "put"))
    if (streamSink(E, ReceiverExpr, Args))
      return Value();
  if (applyPolicyModels(Name, E, Args, Result))
    return Result;
  if (const FunctionModel *M = K.Models.find(Name))
    return applyFunctionModel(*M, E, Args, ArgExprs, ReceiverPtr, Name);

  const clang::FunctionDecl *Def = Callee->getDefinition();
  const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Callee);
  auto Overriders = Method && Method->isVirtual() && (!Def || Method->isPure())
                        ? State.Overriders.find(Method->getCanonicalDecl())
                        : State.Overriders.end();
  if (Overriders != State.Overriders.end()) {
    // A call through an interface (`sink.send(event)`, `EventSink::send`
    // pure virtual): the implementations this translation unit defines are
    // what it runs.
    for (const clang::CXXMethodDecl *Impl : Overriders->second) {
      Value One = applySummary(Impl, E, Args, ArgExprs, ReceiverPtr, ReceiverExpr);
      Result.Data.merge(One.Data);
    }
  } else if (Def && State.isAnalyzable(Def)) {
    Result = applySummary(Def, E, Args, ArgExprs, ReceiverPtr, ReceiverExpr);
  } else {
    // A function policycheck cannot see into: its result carries what went
    // in, unless it is only a number, a flag or nothing.
    llvm::StringRef Short = Callee->getName();
    // A value read out as a number is still the value (`j.get<double>()`,
    // `v.toDouble()`, `row[2].as<int>()`): a weight or a heart rate.
    // So is the number an optional or a smart pointer holds (`*reading`).
    clang::OverloadedOperatorKind Op = Callee->getOverloadedOperator();
    bool NumberOfTheObject = ReceiverPtr && !E->getType()->isBooleanType() &&
                             (isValueConversionName(Short) || Short == "value_or" ||
                              Op == clang::OO_Star || Op == clang::OO_Arrow);
    if (!isDataFreeType(E->getType()) || NumberOfTheObject) {
      for (const Value &A : Args)
        Result.Data.merge(A.Data);
      if (ReceiverPtr)
        Result.Data.merge(ReceiverPtr->Data);
      Result.Guessed = !Result.Data.empty() && !llvm::isa<clang::CXXMethodDecl>(Callee) &&
                       !isOutsideProjectCode(Ctx.getSourceManager(), Callee->getLocation());
    }
    // A lookup by a literal key reads what the key names, as `j["email"]`
    // does: `j.value("email", "")`, `j.at("weight_kg")`, `settings.value(
    // "user/email")`, `pt.get<std::string>("account.email")`.
    if (ReceiverPtr && !ArgExprs.empty() &&
        isKeyLookupName(Short, E->getType()->isRecordType()) &&
        !E->getType()->isBooleanType() && !E->getType()->isVoidType())
      addKeyFact(ArgExprs.front(), Result.Data);
    // Text accessors and conversions keep the text: `url.c_str()`, a
    // std::string passed as a std::string_view.
    if (ReceiverPtr && (Short == "c_str" || Short == "data" || Short == "str" ||
                        Short == "string" || Short == "toStdString" ||
                        llvm::isa<clang::CXXConversionDecl>(Callee))) {
      Result.Text = ReceiverPtr->Text;
      Result.TextParam = ReceiverPtr->TextParam;
    }
    if (Short == "append" && ReceiverExpr && !Args.empty()) {
      Value Appended = Args.front();
      assign(ReceiverExpr, Appended, /*Merge=*/true);
    }
    if ((Short == "push_back" || Short == "emplace_back" || Short == "insert" ||
         Short == "emplace" || Short == "push") &&
        ReceiverExpr) {
      Value Added;
      for (const Value &A : Args)
        Added.Data.merge(A.Data);
      assign(ReceiverExpr, Added, /*Merge=*/true);
    }
    // A setter writes into its object (`request.setRawHeader("X-Email",
    // email)`, `req.set(field::host, host)`, `put.SetBody(stream)`); what
    // the object was bound to (its URL) stays.
    if (ReceiverExpr && Method && !Method->isConst() && isSetterName(Short)) {
      Taint Added;
      for (const Value &A : Args)
        Added.merge(A.Data);
      addDataInto(ReceiverExpr, Receiver, Added);
    }
  }
  // A method or function named for what it returns: `user.email()`.
  if (!isDataFreeType(E->getType()) || classifyType(E->getType()) == TypeClass::Integer) {
    std::string Owner;
    if (Method)
      Owner = Method->getParent()->getNameAsString();
    if (auto Fact = declFact(Callee, NameKind::Method,
                             classifyType(E->getType()), Owner,
                             E->getBeginLoc(), "the call to"))
      if (!Result.Data.hasCategory(Fact->Category))
        Result.Data.add(*Fact);
  }
  return Result;
}

bool Walker::applyPolicyModels(const std::string &Name, const clang::CallExpr *E,
                               const std::vector<Value> &Args, Value &Result) {
  const Policy &P = *K.ThePolicy;
  if (const clang::FunctionDecl *Callee = E->getDirectCallee()) {
    const DeclAnnotations &A = State.annotationsOf(Callee);
    if (A.Transform) {
      Taint In;
      for (const Value &Arg : Args)
        In.merge(Arg.Data);
      Result.Data = In.transformed(*A.Transform);
      return true;
    }
    if (A.Sink) {
      applySinkModel(*A.Sink, Name, E, Args);
      return true;
    }
  }
  for (const SourceModel &M : P.sourceModels())
    if (matchesQualifiedNamePattern(M.Function, Name)) {
      DataFact Fact;
      Fact.Category = M.Category;
      Fact.Origin = E->getBeginLoc();
      Fact.How = "the call to '" + Name + "' (a source in the policy's code models)";
      Result.Data.add(Fact);
      return true;
    }
  for (const TransformModel &M : P.transformModels())
    if (matchesQualifiedNamePattern(M.Function, Name)) {
      Taint In;
      for (const Value &A : Args)
        In.merge(A.Data);
      Result.Data = In.transformed(M.Result);
      return true;
    }
  for (const SinkModel &M : P.sinkModels()) {
    if (!matchesQualifiedNamePattern(M.Function, Name))
      continue;
    applySinkModel(M, Name, E, Args);
    return true;
  }
  return false;
}

void Walker::applySinkModel(const SinkModel &M, const std::string &Name,
                            const clang::CallExpr *E,
                            const std::vector<Value> &Args) {
  {
    Taint Data;
    for (unsigned I = 0; I < Args.size(); ++I) {
      if (M.SinkKind == SinkModel::Kind::Url && I == M.UrlArgument)
        continue;
      if (M.Arguments.empty() || llvm::is_contained(M.Arguments, I))
        Data.merge(Args[I].Data);
    }
    Destination D;
    D.Via = Name;
    std::optional<unsigned> UrlParam;
    switch (M.SinkKind) {
    case SinkModel::Kind::Vendor:
      D.Kind = DestinationKind::Sdk;
      D.VendorId = M.VendorId;
      break;
    case SinkModel::Kind::Storage:
      D.Kind = DestinationKind::Storage;
      break;
    case SinkModel::Kind::Log:
      D.Kind = DestinationKind::Log;
      break;
    case SinkModel::Kind::Url:
      D = M.UrlArgument < Args.size()
              ? httpDestination(Args[M.UrlArgument], Name, UrlParam)
              : Destination();
      break;
    }
    sink(E->getBeginLoc(), D, UrlParam, "", Data);
  }
}

Value Walker::applyFunctionModel(const FunctionModel &M, const clang::Expr *E,
                                 const std::vector<Value> &Args,
                                 const std::vector<const clang::Expr *> &ArgExprs,
                                 const Value *Receiver, const std::string &Name) {
  Value Result;
  auto Gather = [&](const ArgumentSet &Set, std::optional<unsigned> Skip) {
    Taint T;
    for (unsigned I = 0; I < Args.size(); ++I)
      if (Set.contains(I) && I != Skip)
        T.merge(Args[I].Data);
    return T;
  };
  auto WriteInto = [&](unsigned Index, const Value &V) {
    if (Index < ArgExprs.size())
      assign(ArgExprs[Index], V, /*Merge=*/true);
  };
  switch (M.Role) {
  case ModelRole::Sink: {
    Destination D;
    D.Via = Name;
    std::optional<unsigned> UrlParam;
    std::string Path;
    Taint Data = Gather(M.Arguments, M.UrlFromReceiver ? std::nullopt : M.UrlArgument);
    switch (M.Sink) {
    case SinkKind::Log:
      D.Kind = DestinationKind::Log;
      break;
    case SinkKind::Storage:
      D.Kind = DestinationKind::Storage;
      break;
    case SinkKind::Vendor:
      D.Kind = DestinationKind::Sdk;
      D.VendorId = M.VendorId;
      break;
    case SinkKind::Stream: {
      D.Kind = DestinationKind::Storage;
      if (M.StreamArgument && *M.StreamArgument < ArgExprs.size())
        if (const auto *DRE = llvm::dyn_cast<clang::DeclRefExpr>(
                strip(ArgExprs[*M.StreamArgument])))
          if (const StreamModel *S =
                  K.Models.streamForObject(qualifiedName(*DRE->getDecl())))
            if (S->Kind == StreamKind::Log)
              D.Kind = DestinationKind::Log;
      break;
    }
    case SinkKind::Http: {
      Value Url;
      if (M.UrlFromReceiver && Receiver) {
        Url = *Receiver;
        if (M.UrlArgument && *M.UrlArgument < Args.size()) {
          const Value &PathValue = Args[*M.UrlArgument];
          // A full URL in the path argument overrides the bound base.
          if (PathValue.Text && !hostOfUrl(*PathValue.Text).empty())
            Url = PathValue;
          else if (PathValue.Text)
            Path = *PathValue.Text;
          Data.merge(PathValue.Data); // a query string can carry data
        }
      } else if (M.UrlArgument && *M.UrlArgument < Args.size()) {
        // The URL itself, or an object it was bound to (a QNetworkRequest).
        Url = Args[*M.UrlArgument];
        Data.merge(Url.Data);
      }
      D = httpDestination(Url, Name, UrlParam);
      break;
    }
    }
    sink(E->getBeginLoc(), D, UrlParam, Path, Data);
    if (M.ReturnsBodyStream)
      Result.Stream = std::make_shared<BodyStream>(BodyStream{D, UrlParam, Path});
    return Result;
  }
  case ModelRole::Source: {
    DataFact Fact;
    Fact.Category = M.Category;
    Fact.Origin = E->getBeginLoc();
    Fact.How = "the call to '" + Name + "' (" + M.Library + ")";
    Value V;
    V.Data.add(Fact);
    if (M.Into)
      WriteInto(*M.Into, V);
    else
      Result = V;
    return Result;
  }
  case ModelRole::Transform:
  case ModelRole::Propagate: {
    Value V;
    V.Data = Gather(M.From, std::nullopt);
    if (M.FromReceiver && Receiver)
      V.Data.merge(Receiver->Data);
    if (M.Role == ModelRole::Transform)
      V.Data = V.Data.transformed(M.Result);
    if (M.KeyArgument && *M.KeyArgument < ArgExprs.size())
      if (const auto *Lit = narrowLiteral((ArgExprs[*M.KeyArgument])))
        if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                     TypeClass::Unknown, "", Lit->getBeginLoc(),
                                     "the key"))
          V.Data.add(*Fact);
    if (M.FormatArgument && *M.FormatArgument < Args.size() &&
        Args[*M.FormatArgument].Text)
      V.Text = M.PrintfFormat
                   ? printfText(*Args[*M.FormatArgument].Text, Args, *M.FormatArgument + 1)
                   : formatText(*Args[*M.FormatArgument].Text, Args, *M.FormatArgument + 1);
    if (M.Role == ModelRole::Propagate && M.From.Indices.size() == 1 &&
        !M.From.AllFrom && M.From.Indices[0] < Args.size()) {
      V.Text = Args[M.From.Indices[0]].Text;
      V.TextParam = Args[M.From.Indices[0]].TextParam;
    }
    if (M.Into && M.FormatArgument && *M.Into < ArgExprs.size())
      assign(ArgExprs[*M.Into], V, /*Merge=*/false); // formatting overwrites
    else if (M.Into)
      WriteInto(*M.Into, V);
    if (M.IntoReceiver)
      if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
        assign(MC->getImplicitObjectArgument(), V, /*Merge=*/true);
    Result = V;
    return Result;
  }
  case ModelRole::RequestOption: {
    if (M.RequestArgument >= ArgExprs.size() || M.OptionArgument >= ArgExprs.size() ||
        M.ValueArgument >= Args.size())
      return Result;
    auto Handle = keyOf(ArgExprs[M.RequestArgument]);
    const auto *Option =
        llvm::dyn_cast<clang::DeclRefExpr>(strip(ArgExprs[M.OptionArgument]));
    if (!Handle || !Option)
      return Result;
    auto Part = M.Options.find(Option->getDecl()->getNameAsString());
    if (Part == M.Options.end())
      return Result;
    RequestState &R = Requests[*Handle];
    const Value &V = Args[M.ValueArgument];
    if (Part->second == RequestPart::Url) {
      R.Url = V;
      R.HasUrl = true;
      R.UrlLocation = E->getBeginLoc();
      if (!V.Data.empty())
        R.Parts.push_back({E->getBeginLoc(), V.Data, Name});
    } else {
      R.Parts.push_back({E->getBeginLoc(), V.Data, Name});
    }
    return Result;
  }
  case ModelRole::UrlBinding:
    if (M.UrlArgument && *M.UrlArgument < Args.size()) {
      // The URL's text, and its data: a query string can carry some.
      Result = Args[*M.UrlArgument];
      Result.Guessed = false;
      // A setter (`request.setUrl(url)`) binds the URL to its object; a
      // function may bind it to an argument (`asio::connect(socket, ...)`).
      const clang::Expr *BoundExpr = nullptr;
      if (M.Into && *M.Into < ArgExprs.size())
        BoundExpr = ArgExprs[*M.Into];
      else if (const auto *MC = llvm::dyn_cast<clang::CXXMemberCallExpr>(E))
        BoundExpr = MC->getImplicitObjectArgument();
      if (BoundExpr)
        if (auto Key = keyOf(BoundExpr)) {
          Value &Bound = Env[*Key];
          Bound.Text = Result.Text;
          Bound.TextParam = Result.TextParam;
          Bound.Data.merge(Result.Data);
        }
    }
    return Result;
  }
  return Result;
}

std::optional<unsigned> Walker::keyParamIndex(const clang::Expr *KeyExpr) {
  if (const auto *DRE = llvm::dyn_cast_or_null<clang::DeclRefExpr>(strip(KeyExpr)))
    if (const auto *P = llvm::dyn_cast<clang::ParmVarDecl>(DRE->getDecl())) {
      auto It = ParamIndex.find(P);
      if (It != ParamIndex.end())
        return It->second;
    }
  return std::nullopt;
}

void Walker::addKeyFact(const clang::Expr *KeyExpr, Taint &Into) {
  if (const auto *Lit = narrowLiteral(KeyExpr)) {
    if (auto Fact = classifyName(Lit->getString(), NameKind::JsonKey,
                                 TypeClass::Unknown, "", Lit->getBeginLoc(),
                                 "the key"))
      if (!Into.hasCategory(Fact->Category))
        Into.add(*Fact);
    return;
  }
  // `json_get(j, key)`: the key is the caller's to say.
  if (auto Index = keyParamIndex(KeyExpr))
    Into.addParam({*Index, Protection(), KeyField});
}

Taint Walker::argumentData(const Value &Arg, const clang::Expr *ArgExpr,
                           const ParamUse &P) {
  if (P.Field == KeyField) {
    // The argument is a key the callee looked data up by: what it names.
    Taint Named;
    if (ArgExpr)
      addKeyFact(ArgExpr, Named);
    return Named;
  }
  if (P.Field.empty() || !ArgExpr)
    return Arg.Data;
  auto Key = keyOf(ArgExpr);
  if (!Key)
    return Arg.Data; // a temporary: its fields are not known one by one
  Taint Out = objectValue(*Key + P.Field).Data;
  // The argument may itself be the caller's parameter: pass the field on.
  // What the whole object holds is not taken: it is every field's data
  // merged (an object returned by a function), and the callee has already
  // classified the field it reads by its name.
  auto Whole = Env.find(*Key);
  if (Whole != Env.end()) {
    for (ParamUse Q : Whole->second.Data.params()) {
      Q.Field += P.Field;
      Out.addParam(Q);
    }
  }
  return Out;
}

Value Walker::applySummary(const clang::FunctionDecl *Callee,
                           const clang::CallExpr *E,
                           const std::vector<Value> &Args,
                           const std::vector<const clang::Expr *> &ArgExprs,
                           const Value *Receiver,
                           const clang::Expr *ReceiverExpr) {
  const FunctionSummary &S = State.summaryOf(Callee);
  clang::SourceLocation CallLoc = E ? E->getBeginLoc() : clang::SourceLocation();
  auto Substitute = [&](const Taint &T) {
    Taint Out;
    for (const DataFact &F : T.facts())
      Out.add(F);
    for (const ParamUse &P : T.params()) {
      Taint Arg;
      if (P.Index == ParamUse::Receiver) {
        if (!Receiver)
          continue;
        Arg = argumentData(*Receiver, ReceiverExpr, P);
      } else if (P.Index < Args.size()) {
        Arg = argumentData(Args[P.Index],
                           P.Index < ArgExprs.size() ? ArgExprs[P.Index] : nullptr, P);
      } else {
        continue;
      }
      if (P.Protected.Hashed)
        Arg = Arg.transformed(TransformResult::Hashed);
      if (P.Protected.Encrypted)
        Arg = Arg.transformed(TransformResult::Encrypted);
      Out.merge(Arg);
    }
    return Out;
  };
  if (CallLoc.isValid()) {
    std::string CalleeName = qualifiedName(*Callee);
    for (const SinkSummary &Inner : S.Sinks) {
      Destination D = Inner.Target;
      std::optional<unsigned> UrlParam;
      if (Inner.UrlParam) {
        if (*Inner.UrlParam < Args.size())
          D = httpDestination(Args[*Inner.UrlParam], Inner.Target.Via, UrlParam);
        else
          D.Kind = DestinationKind::Unresolved;
      }
      std::vector<FlowStep> Path{
          {Inner.InnerLocation, "the data reaches '" + Inner.Target.Via +
                                    "' inside '" + CalleeName + "' here"}};
      sink(CallLoc, D, UrlParam, Inner.UrlPath, Substitute(Inner.Data), Path,
           Inner.ReportVendor, Inner.ReportCategories);
    }
  }
  // What the method left in its object's fields is now in the caller's.
  if (ReceiverExpr)
    if (auto Key = keyOf(ReceiverExpr))
      for (const ReceiverWrite &W : S.ReceiverWrites) {
        Taint Written = Substitute(W.Data);
        if (!Written.empty())
          Env[*Key + W.Field].Data.merge(Written);
      }
  Value Result;
  Result.Data = Substitute(S.Returns);
  if (S.ReturnText)
    Result.Text = S.ReturnText;
  else if (S.ReturnTextParam && *S.ReturnTextParam < Args.size()) {
    Result.Text = Args[*S.ReturnTextParam].Text;
    Result.TextParam = Args[*S.ReturnTextParam].TextParam;
  }
  return Result;
}

//===----------------------------------------------------------------------===//
// Sinks
//===----------------------------------------------------------------------===//

Destination Walker::httpDestination(const Value &Url, const std::string &Via,
                                    std::optional<unsigned> &UrlParam) {
  Destination D;
  D.Via = Via;
  if (Url.Text) {
    std::string Host = hostOfUrl(*Url.Text);
    if (Host.empty() && !llvm::StringRef(*Url.Text).contains('/') &&
        !llvm::StringRef(*Url.Text).contains(':'))
      Host = hostOfUrl("https://" + *Url.Text); // a bare host: `api.x.com`
    if (!Host.empty()) {
      D.Kind = DestinationKind::Http;
      D.Host = Host;
      return D;
    }
  }
  if (Url.TextParam) {
    UrlParam = Url.TextParam;
    D.Kind = DestinationKind::Http;
    return D;
  }
  D.Kind = DestinationKind::Unresolved;
  return D;
}

void Walker::sink(clang::SourceLocation Loc, Destination Target,
                  std::optional<unsigned> UrlParam, const std::string &UrlPath,
                  const Taint &Data, std::vector<FlowStep> Path,
                  bool ReportVendor, bool ReportCategories) {
  if (UrlParam) {
    // The destination is the caller's to say: the whole flow waits in the
    // summary.
    SinkSummary S;
    S.Target = Target;
    S.UrlParam = UrlParam;
    S.UrlPath = UrlPath;
    S.Data = Data;
    S.InnerLocation = Loc;
    S.ReportVendor = ReportVendor;
    S.ReportCategories = ReportCategories;
    Summary.Sinks.push_back(std::move(S));
    return;
  }
  if (!Data.params().empty()) {
    SinkSummary S;
    S.Target = Target;
    for (const ParamUse &P : Data.params())
      S.Data.addParam(P);
    S.InnerLocation = Loc;
    S.ReportVendor = false; // the vendor call itself is reported here
    S.ReportCategories = ReportCategories;
    Summary.Sinks.push_back(std::move(S));
  }
  FlowEvent Event;
  Event.Location = Loc;
  Event.Target = Target;
  Event.Facts = Data.facts();
  Event.Path = std::move(Path);
  Event.ReportVendor = ReportVendor;
  Event.ReportCategories = ReportCategories;
  State.emit(std::move(Event));
}

void Walker::finishRequests() {
  for (auto &[Handle, R] : Requests) {
    std::optional<unsigned> UrlParam;
    Destination D = R.HasUrl ? httpDestination(R.Url, "curl_easy_setopt", UrlParam)
                             : Destination{DestinationKind::Unresolved, "", "",
                                           "curl_easy_setopt"};
    // The request itself reaches the host: one vendor finding per request,
    // at the option that sets its URL; each part that carries data is judged
    // where it is handed over.
    Taint All;
    for (const RequestPartUse &Part : R.Parts)
      All.merge(Part.Data);
    if (R.HasUrl)
      sink(R.UrlLocation, D, UrlParam, "", All, {}, /*ReportVendor=*/true,
           /*ReportCategories=*/false);
    for (const RequestPartUse &Part : R.Parts)
      if (!Part.Data.empty())
        sink(Part.Location, D, UrlParam, "", Part.Data, {},
             /*ReportVendor=*/false, /*ReportCategories=*/true);
  }
}

} // namespace

void analyzeFunction(TranslationUnitState &State, const clang::FunctionDecl *FD,
                     FunctionSummary &Summary) {
  Walker(State, FD, Summary).run();
  // POLICYCHECK_TRACE=1 shows each function's summary: how a flow was seen.
  static const bool Trace = std::getenv("POLICYCHECK_TRACE") != nullptr;
  if (!Trace)
    return;
  llvm::errs() << "policycheck: summary of " << qualifiedName(*FD) << ": returns";
  for (const DataFact &F : Summary.Returns.facts())
    llvm::errs() << " " << F.Category << (F.Protected.Hashed ? "(hashed)" : "")
                 << (F.Protected.Encrypted ? "(encrypted)" : "");
  for (const ParamUse &P : Summary.Returns.params())
    if (P.Index == ParamUse::Receiver)
      llvm::errs() << " this" << P.Field;
    else
      llvm::errs() << " param" << P.Index << P.Field;
  if (Summary.ReturnText)
    llvm::errs() << " text '" << *Summary.ReturnText << "'";
  for (const ReceiverWrite &W : Summary.ReceiverWrites)
    llvm::errs() << "; writes this" << W.Field;
  llvm::errs() << "; " << Summary.Sinks.size() << " sinks waiting for callers\n";
}

} // namespace policycheck
