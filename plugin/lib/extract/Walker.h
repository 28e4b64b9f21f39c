//===--- Walker.h - The walker over one function body -----------*- C++ -*-===//
//
// Internal to extraction. The Walker class and the helpers its parts share;
// its methods live in the Walk*.cpp files by what they handle (statements,
// expressions, names, objects, calls, summaries at calls, requests).
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIB_EXTRACT_WALKER_H
#define POLICYCHECK_LIB_EXTRACT_WALKER_H

#include "extract/FunctionAnalyzer.h"

#include "policycheck/Classifier.h"
#include "policycheck/LibraryModels.h"

#include "clang/AST/ExprCXX.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace policycheck::walker {

using Environment = std::map<std::string, Value>;

/// The ParamUse field of a parameter used as a lookup key (`j.at(key)`).
inline const char *const KeyField = "#key";
/// The ParamUse field prefix of a parameter that is a query the function
/// read a column of (`#column:0`): the caller's query text names it.
inline const char *const ColumnField = "#column:";

/// The arguments a constructor call spells out: `std::string(kHost)` has one,
/// its allocator argument defaulted.
unsigned writtenArguments(const clang::CXXConstructExpr *E);

const clang::Expr *strip(const clang::Expr *E);

/// The environment key of a variable: its canonical declaration.
std::string varKey(const clang::VarDecl *VD);

/// A narrow string literal (`"email"`), or null: wide and UTF-16 literals
/// have no text the analysis reads.
const clang::StringLiteral *narrowLiteral(const clang::Expr *E);

void joinInto(Environment &Into, const Environment &Other);

/// A field path followed by another (`.account` then `.email`). A recursive
/// structure read through its recursion (`.children.children.text`) stands
/// for its first level (`.children.text`): a path never repeats a field, so
/// summaries of functions recursing over trees stay finite and settle.
std::string joinFieldPath(llvm::StringRef Path, llvm::StringRef More);

/// Words that mark a stored value as hashed or encrypted by its very name
/// (`password_hash`, `totp_secret_enc`).
Protection protectionFromName(llvm::StringRef Name);

/// The service's own data (`system.*`: its secrets, its operations) is in
/// the value.
bool holdsServiceData(const Taint &Data);

/// A function that hands out a part of something to write to: it returns a
/// non-const lvalue reference (`req.body()`, `get_lowest_layer(stream)`).
bool returnsMutableReference(const clang::FunctionDecl &F);

/// The text of a string literal with only ASCII characters, whatever its
/// width (`u"https://..."` inside QStringLiteral).
std::optional<std::string> asciiText(const clang::StringLiteral *Lit);

/// The first string literal in an expression, however deep (a lambda's body
/// included).
const clang::StringLiteral *firstStringLiteral(const clang::Stmt *S);

/// A `{}`-style format string (fmt, std::format) with the arguments from
/// \p First in place: their texts, or `{?}` where a text is not known (which
/// never parses as a host).
std::string formatText(llvm::StringRef Format, const std::vector<Value> &Args,
                       unsigned First);

/// A printf-style format string with the arguments from \p First in place:
/// a `%s` takes its argument's text, any other conversion `{?}`.
std::string printfText(llvm::StringRef Format, const std::vector<Value> &Args,
                       unsigned First);

bool isDataFreeType(clang::QualType T);

/// The flow has said what a value is, in a way its variable's name cannot
/// overrule: the service's own secret, or a hash or a ciphertext of something
/// (`unsigned char mac[...]` written by HMAC is no MAC address).
bool flowDecidesOverName(const Taint &Data);

/// A key names the value stored under it (`"email": addr`), unless the value
/// is a constant of the code (`"distinct_id": "server"`) or the service's own
/// secret (`"api_key": config::posthog_key()`): constants and the service's
/// secrets are not user data, whatever the key says.
bool mayHoldUserData(const Value &V);

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
  /// The key a writer was last given (`writer.Key("email")`), by the
  /// writer's environment key, until a value is written.
  std::map<std::string, const clang::StringLiteral *> PendingKeys;
  /// What this function stored under each Redis key, as its commands spell
  /// the key, for a later `EXPIRE` on it.
  std::map<std::string, Taint> RedisStored;
  std::vector<Value> Returned;
  std::map<const clang::ParmVarDecl *, unsigned> ParamIndex;
  /// What each parameter holds on entry, so that only writes into it are
  /// taken for the caller.
  std::map<unsigned, Taint> InitialParams;
  /// The fields of this method's object read for their text (`.base_`): a
  /// Value's TextParam FieldTextBase + N is the text of field N, which the
  /// summary hands to the caller as the text of its object's field.
  std::vector<std::string> ReceiverTextFields;
  static constexpr unsigned FieldTextBase = 1u << 24;
  unsigned receiverFieldText(const std::string &Field);
  /// A text parameter as the summary states it: an argument's index, or the
  /// object's (ParamUse::Receiver) with the field in \p Field.
  unsigned summaryTextParam(unsigned TextParam, std::string &Field) const;
  /// The text of a summary's text parameter at a call.
  Value textArgument(unsigned Index, const std::string &Field,
                     const std::vector<Value> &Args, const clang::Expr *ReceiverExpr,
                     const clang::CXXRecordDecl *ReceiverClass);
  /// This method runs with no caller that says what its object holds (a
  /// slot, a callback, a thread's body): its fields hold what the program
  /// writes into them.
  bool isEntry();
  /// isEntry's answer, asked once: only a method that reads its object's
  /// fields depends on whether the program calls it.
  std::optional<bool> Entry;
  /// An object whose fields hold what the program writes into them, not
  /// what this function's caller passes: a global, a member of this
  /// method's object, or this object itself in an entry point.
  bool isSharedObject(const clang::Expr *E);
  /// What the program writes into \p Field of a shared object.
  FieldWrites sharedFieldWrites(const clang::Expr *ReceiverExpr,
                                const clang::CXXRecordDecl *ReceiverClass,
                                const std::string &Field);
  /// The class whose fields a method's summary speaks of.
  static const clang::CXXRecordDecl *summaryClass(const clang::FunctionDecl *Callee);

  // --- Consent guards -----------------------------------------------------------
  /// The consent checks (the policy's `check` patterns) known to have been
  /// found true at this point of the walk.
  std::set<std::string> Guards;
  struct GuardSets {
    std::set<std::string> WhenTrue, WhenFalse;
  };
  /// What a bool variable says when true or false, when it holds a check's
  /// result (`const bool allowed = consent.analytics_allowed();`).
  std::map<std::string, GuardSets> BoolGuards;
  bool tracksConsent() const;
  /// The checks known true when \p Cond is true, and when it is false.
  GuardSets guardsOf(const clang::Expr *Cond);
  /// Control never runs past \p S: a return, throw, break, continue, goto
  /// or a call that does not return, in every branch.
  static bool exits(const clang::Stmt *S);
  void noteBoolGuard(const clang::VarDecl *VD, const clang::Expr *Value);
  /// A lambda written among the arguments of the call being evaluated runs
  /// before the call returns (runsLambdasHere), so the checks known true
  /// here hold in its body.
  bool LambdaRunsHere = false;
  static bool runsLambdasHere(const clang::FunctionDecl *Callee);
  /// A call to a project function, with the checks known true here.
  void recordCall(const clang::FunctionDecl *Callee, const clang::Expr *Call);
  /// Keeps a call to a consent entry's check, wherever it stands.
  void noteConsentCheckCall(const std::string &Name, const clang::Expr *Call);
  /// A vendor call or cookie set here, against the `consent` entries.
  void consentAt(const FlowEvent &Event);

  // --- Keys ------------------------------------------------------------------
  std::optional<std::string> keyOf(const clang::Expr *E);

  // --- Statements -------------------------------------------------------------
  void walk(const clang::Stmt *S);
  /// Both branches from the same environment, joined; \p Guards (an if's
  /// condition) holds in the first when true and in the second when false,
  /// and after both when the other branch never falls through.
  void walkBranches(const clang::Stmt *Then, const clang::Stmt *Else,
                    const GuardSets *Condition = nullptr);

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
  /// Adds data to the objects the object of \p Key is a handle into (its
  /// parent node, its document), however far up.
  void intoOwners(const std::string &Key, const Taint &Data);
  /// The environment key of an object, or of what a temporary handle
  /// (`node.text()`) is a handle into.
  std::optional<std::string> objectKey(const clang::Expr *E, const Value *V);

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
  /// A library class's field that is an iterator or a pointer into what its
  /// object holds.
  bool pointsIntoItsObject(const clang::FieldDecl *Field);

  // --- Cookies ------------------------------------------------------------------
  /// A call the cookie models know: a header that may be Set-Cookie, a
  /// cookie object set, or a cookie object's setter, which edits the text
  /// its object would send and is then handled (true).
  bool cookieCall(const std::string &Name, const clang::CallExpr *E,
                  const std::vector<Value> &Args,
                  const std::vector<const clang::Expr *> &ArgExprs,
                  const clang::Expr *ReceiverExpr, const Value *Receiver);
  /// A library cookie object made here, as the header text it would send
  /// (`session={?}`), holding what its value holds; none for other classes.
  std::optional<Value> cookieObject(const clang::CXXConstructExpr *E,
                                    const std::vector<Value> &Args);
  /// The cookie \p Header (its text and data) is set at \p Call.
  void setCookie(const clang::Expr *Call, const Value &Header, const std::string &Via);

  // --- Calls --------------------------------------------------------------------
  /// The protection a hashing model gives: its strength, or the strength of
  /// the algorithm its algorithm argument names.
  Protection hashOf(const FunctionModel &M, const std::string &Name,
                    const std::vector<Value> &Args,
                    const std::vector<const clang::Expr *> &ArgExprs);
  /// How long a storage call keeps what it stores, in milliseconds: its
  /// expiry argument, or the time-to-live its Redis command gives. An
  /// `EXPIRE` replaces \p Data with what was stored under its key, already
  /// reported there (\p ReportCategories false).
  std::optional<uint64_t> storageExpiry(const FunctionModel &M,
                                        const std::vector<Value> &Args,
                                        const std::vector<const clang::Expr *> &ArgExprs,
                                        Taint &Data, bool &ReportCategories);
  /// A printf-style Redis command's words, the arguments from \p First in
  /// place: texts for `%s`, constant integers for `%d`, else `{?}`.
  std::vector<std::string> commandWords(llvm::StringRef Format,
                                        const std::vector<Value> &Args,
                                        const std::vector<const clang::Expr *> &ArgExprs,
                                        unsigned First);
  Value applyFunctionModel(const FunctionModel &M, const clang::Expr *E,
                           const std::vector<Value> &Args,
                           const std::vector<const clang::Expr *> &ArgExprs,
                           const Value *Receiver, const std::string &Name);
  /// Instantiates a callee's summary at a call: its sinks, what it leaves in
  /// the object called (\p ReceiverExpr, a method's), what it returns.
  Value applySummary(const FunctionSummary &S, const clang::Expr *E,
                     const std::vector<Value> &Args,
                     const std::vector<const clang::Expr *> &ArgExprs,
                     const Value *Receiver = nullptr,
                     const clang::Expr *ReceiverExpr = nullptr,
                     const clang::FunctionDecl *Callee = nullptr,
                     std::map<unsigned, Taint> *WrittenUnkeyed = nullptr);
  /// The program's serializer (`to_json(json &, const T &)`, conventions'
  /// `serializers`) of the class of \p T, found as argument-dependent lookup
  /// finds it: beside the class or as its hidden friend; or null.
  const clang::FunctionDecl *serializerOf(clang::QualType T);
  /// The summaries of what a call through \p Method runs: the overriders
  /// this translation unit defines and those the program's summaries add.
  std::vector<const FunctionSummary *>
  overriderSummaries(const clang::CXXMethodDecl *Method);
  /// The project constructor a forwarding factory's instantiation calls
  /// (`std::make_unique<Session>(...)`), or null.
  const clang::CXXConstructorDecl *forwardedConstructor(const clang::FunctionDecl *Factory,
                                                        unsigned Arguments);
  /// A project constructor's summary: of its body here, or the program's.
  const FunctionSummary *constructorSummary(const clang::CXXConstructorDecl *Ctor);
  /// The program's summary of a function defined in another translation
  /// unit, or null.
  const FunctionSummary *linkedSummary(const clang::FunctionDecl *Callee);
  /// What a parameter (or one of its fields) holds at a call site.
  Taint argumentData(const Value &Arg, const clang::Expr *ArgExpr,
                     const ParamUse &P);
  /// A lookup key's category: a literal's, or, for a parameter of this
  /// function, a use of it as a key (ParamUse::Field KeyField) for callers.
  void addKeyFact(const clang::Expr *KeyExpr, Taint &Into);
  std::optional<unsigned> keyParamIndex(const clang::Expr *KeyExpr);
  /// The policy's code models and the code's annotations of \p Callee, at a
  /// call or a construction \p E.
  bool applyPolicyModels(const std::string &Name, const clang::FunctionDecl *Callee,
                         const clang::Expr *E, const std::vector<Value> &Args,
                         Value &Result);
  void applySinkModel(const SinkModel &M, const std::string &Name,
                      const clang::Expr *E, const std::vector<Value> &Args);

  // --- Sinks ----------------------------------------------------------------------
  void sink(clang::SourceLocation Loc, Destination Target,
            std::optional<unsigned> UrlParam, const std::string &UrlPath,
            const Taint &Data, std::vector<FlowStep> Path = {},
            bool ReportVendor = true, bool ReportCategories = true);
  Destination httpDestination(const Value &Url, const std::string &Via,
                              std::optional<unsigned> &UrlParam);
  void finishRequests();
  /// Adds a sink to the summary, unless it holds the same one already.
  void addSinkSummary(SinkSummary S);

};

} // namespace policycheck::walker

#endif
