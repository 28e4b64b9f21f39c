//===--- SummaryFile.cpp - The program's summaries as JSON ----------------===//
//
// What `policycheck --summaries FILE` writes and the plugin's `summaries=`
// and clang-tidy's `SummariesFile` read, and the JSON of summaries in the
// facts and the cache. The file is JSON Lines: a header with a hash of the
// entries, then one entry per line, indexed on reading and parsed when first
// looked up. A file that is cut short, hand-edited or written by another
// version of policycheck is one error naming it, never a partial set of
// summaries; an entry that does not parse (a hand-made file with a matching
// hash) is an error naming its line when it is looked up.
//
// One file of about 670 lines, over the usual size: every entry's writer
// and reader are here, beside the file's format that uses them, so that a
// field added to a summary is added in one place, in both directions.
//
//===----------------------------------------------------------------------===//
#include "policycheck/Summaries.h"
#include "policycheck/FactsFile.h"
#include "policycheck/Version.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

namespace policycheck {

namespace json = llvm::json;

/// The format's name and revision: a change to what the file holds bumps it.
static constexpr const char *FormatName = "policycheck-summaries";
static constexpr int64_t FormatRevision = 4;

// --- Writing ----------------------------------------------------------------

static json::Value toJson(const PositionRecord &P) {
  if (!P.valid())
    return nullptr;
  return json::Object{{"file", P.File}, {"line", P.Line}, {"column", P.Column}};
}

/// A protection's keys, in the object of the fact or parameter it protects;
/// a hash's strength and name only when there is one.
static void addProtection(json::Object &O, const Protection &P) {
  O["hashed"] = P.Hashed;
  O["encrypted"] = P.Encrypted;
  if (P.Hashed && P.Strength != HashGrade::Unknown)
    O["strength"] = spell(P.Strength);
  if (P.Hashed && !P.Hash.empty())
    O["hash"] = P.Hash;
}

static bool readProtection(const json::Value &V, json::Path Here, Protection &P) {
  json::ObjectMapper M(V, Here);
  std::string Strength; // absent: unknown
  if (!M || !M.map("hashed", P.Hashed) || !M.map("encrypted", P.Encrypted) ||
      !M.mapOptional("strength", Strength) || !M.mapOptional("hash", P.Hash))
    return false;
  if (Strength.empty())
    return true;
  for (HashGrade G : {HashGrade::Weak, HashGrade::Digest, HashGrade::Password})
    if (Strength == spell(G)) {
      P.Strength = G;
      return true;
    }
  Here.field("strength").report("expected weak, digest or password");
  return false;
}

static json::Value toJson(const Taint &T) {
  json::Array Facts, Params;
  for (const DataFact &F : T.facts()) {
    json::Object O{{"category", F.Category},
                   {"how", F.How},
                   {"origin", toJson(F.OriginElsewhere)}};
    addProtection(O, F.Protected);
    Facts.push_back(std::move(O));
  }
  for (const ParamUse &P : T.params()) {
    json::Object O{
        {"param", P.Index == ParamUse::Receiver ? int64_t(-1) : int64_t(P.Index)},
        {"field", P.Field}};
    addProtection(O, P.Protected);
    Params.push_back(std::move(O));
  }
  return json::Object{{"facts", std::move(Facts)}, {"params", std::move(Params)}};
}

static const char *kindName(DestinationKind K) {
  switch (K) {
  case DestinationKind::Http:
    return "http";
  case DestinationKind::Sdk:
    return "sdk";
  case DestinationKind::Storage:
    return "storage";
  case DestinationKind::Log:
    return "log";
  case DestinationKind::Unresolved:
    return "unresolved";
  case DestinationKind::Cookie:
    return "cookie";
  }
  return "unresolved";
}

/// A parameter's index; -1 for the object a method is called on.
static json::Value optionalIndex(const std::optional<unsigned> &N) {
  if (!N)
    return nullptr;
  return *N == ParamUse::Receiver ? int64_t(-1) : int64_t(*N);
}

static json::Value optionalText(const std::optional<std::string> &S) {
  if (!S)
    return nullptr;
  return *S;
}

static json::Value reportedJson(const std::vector<SinkSummary::Reported> &List) {
  json::Array Out;
  for (const SinkSummary::Reported &R : List) {
    json::Object O{{"category", R.Category}};
    addProtection(O, R.Protected);
    Out.push_back(std::move(O));
  }
  return Out;
}

static bool fromJSON(const json::Value &V, SinkSummary::Reported &R, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("category", R.Category) && readProtection(V, Path, R.Protected);
}

static json::Value toJson(const std::string &USR, const FunctionSummary &S) {
  json::Array Sinks, Writes, ParamWrites;
  for (const SinkSummary &K : S.Sinks)
    Sinks.push_back(json::Object{
        {"kind", kindName(K.Target.Kind)},
        {"host", K.Target.Host},
        {"vendor", K.Target.VendorId},
        {"via", K.Target.Via},
        {"cookie", K.Target.Cookie},
        {"urlParam", optionalIndex(K.UrlParam)},
        {"urlField", K.UrlField},
        {"urlPath", K.UrlPath},
        {"data", toJson(K.Data)},
        {"at", toJson(K.InnerElsewhere)},
        {"reportVendor", K.ReportVendor},
        {"reportCategories", K.ReportCategories},
        {"reportedInside", reportedJson(K.ReportedInside)},
        {"expiresAfterMs", K.Target.ExpiresAfterMillis
                               ? json::Value(int64_t(*K.Target.ExpiresAfterMillis))
                               : json::Value(nullptr)}});
  for (const ReceiverWrite &W : S.ReceiverWrites)
    Writes.push_back(json::Object{{"field", W.Field},
                                  {"data", toJson(W.Data)},
                                  {"text", optionalText(W.Text)},
                                  {"textParam", optionalIndex(W.TextParam)}});
  for (const ParamWrite &W : S.ParamWrites)
    ParamWrites.push_back(json::Object{
        {"param", int64_t(W.Index)}, {"field", W.Field}, {"data", toJson(W.Data)}});
  return json::Object{{"usr", USR},
                      {"name", S.Name},
                      {"sinks", std::move(Sinks)},
                      {"receiverWrites", std::move(Writes)},
                      {"paramWrites", std::move(ParamWrites)},
                      {"returns", toJson(S.Returns)},
                      {"returnText", optionalText(S.ReturnText)},
                      {"returnTextParam", optionalIndex(S.ReturnTextParam)},
                      {"returnTextField", S.ReturnTextField}};
}

static json::Value toJson(const std::string &Key, const FieldWrites &W) {
  return json::Object{{"field", Key},
                      {"data", toJson(W.Data)},
                      {"texts", W.Texts},
                      {"runTimeText", W.RunTimeText}};
}

static json::Value toJson(const std::string &USR, const std::vector<CallSite> &Sites) {
  json::Array Items;
  for (const CallSite &C : Sites)
    Items.push_back(json::Object{{"caller", C.Caller},
                                 {"callerName", C.CallerName},
                                 {"guards", C.Guards},
                                 {"at", toJson(C.At)}});
  return json::Object{{"callee", USR}, {"sites", std::move(Items)}};
}

llvm::json::Value summariesToJson(const ProgramSummaries &S) {
  if (S.Unread) { // a file's entries, read into a copy first
    ProgramSummaries Read = S;
    Read.readAll();
    return summariesToJson(Read);
  }
  json::Array Functions, Overriders, Fields, Called, Callers;
  for (const auto &[USR, F] : S.Functions)
    Functions.push_back(toJson(USR, F));
  for (const auto &[USR, Sites] : S.Callers)
    Callers.push_back(toJson(USR, Sites));
  for (const auto &[USR, List] : S.Overriders) {
    json::Array Impls;
    for (const std::string &I : List)
      Impls.push_back(I);
    Overriders.push_back(json::Object{{"method", USR}, {"overriders", std::move(Impls)}});
  }
  for (const auto &[Key, W] : S.Fields)
    Fields.push_back(toJson(Key, W));
  for (const std::string &USR : S.Called)
    Called.push_back(USR);
  return json::Object{{"functions", std::move(Functions)},
                      {"overriders", std::move(Overriders)},
                      {"fields", std::move(Fields)},
                      {"called", std::move(Called)},
                      {"callers", std::move(Callers)}};
}

/// One line of the file: `{"kind":K,"key":KEY,"entry":{...}}`, the kind
/// and the key first, so that a reader indexes the line by them alone.
static std::string entryLine(llvm::StringRef Kind, llvm::StringRef Key,
                             std::optional<json::Value> Entry) {
  std::string Line;
  llvm::raw_string_ostream OS(Line);
  OS << "{\"kind\":\"" << Kind << "\",\"key\":" << json::Value(Key.str());
  if (Entry)
    OS << ",\"entry\":" << *Entry;
  OS << "}\n";
  return OS.str();
}

void writeSummaries(const ProgramSummaries &S, llvm::raw_ostream &OS) {
  if (S.Unread) { // a file's entries, read into a copy first
    ProgramSummaries Read = S;
    Read.readAll();
    return writeSummaries(Read, OS);
  }
  std::string Body;
  for (const auto &[USR, F] : S.Functions)
    Body += entryLine("function", USR, toJson(USR, F));
  for (const auto &[USR, List] : S.Overriders)
    Body += entryLine("overriders", USR,
                      json::Value(json::Object{{"method", USR}, {"overriders", List}}));
  for (const auto &[Key, W] : S.Fields)
    Body += entryLine("field", Key, toJson(Key, W));
  for (const std::string &USR : S.Called)
    Body += entryLine("called", USR, std::nullopt);
  for (const auto &[USR, Sites] : S.Callers)
    Body += entryLine("callers", USR, toJson(USR, Sites));
  OS << json::Value(json::Object{{"format", FormatName},
                                 {"revision", FormatRevision},
                                 {"policycheck", Version},
                                 {"entriesHash", textHash(Body)}})
     << "\n"
     << Body;
}

// The canonical texts compare summaries between rounds of the tool: equal
// text, equal summary.
std::string ProgramSummaries::functionText(const std::string &USR) const {
  const FunctionSummary *F = function(USR);
  if (!F)
    return "";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << toJson(USR, *F);
  return OS.str();
}

std::string ProgramSummaries::overridersText(const std::string &USR) const {
  const std::vector<std::string> *List = overriders(USR);
  std::string Out;
  if (List)
    for (const std::string &I : *List)
      Out += I + "\n";
  return Out;
}

std::string ProgramSummaries::callersText(const std::string &USR) const {
  const std::vector<CallSite> *Sites = callers(USR);
  if (!Sites)
    return "";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << toJson(USR, *Sites);
  return OS.str();
}

std::string ProgramSummaries::fieldText(const std::string &Key) const {
  const FieldWrites *W = field(Key);
  if (!W)
    return "";
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << toJson(Key, *W);
  return OS.str();
}

bool SinkSummary::reportedInside(const DataFact &Fact) const {
  for (const Reported &R : ReportedInside)
    if (R.Category == Fact.Category && !Fact.Protected.weakerThan(R.Protected))
      return true;
  return false;
}

void FieldWrites::add(const Taint &Written, const std::optional<std::string> &Text,
                      bool TextAtRunTime) {
  for (const DataFact &F : Written.facts())
    Data.add(F);
  if (Text && !llvm::is_contained(Texts, *Text)) {
    Texts.push_back(*Text);
    llvm::sort(Texts);
  }
  RunTimeText |= TextAtRunTime;
}

void FieldWrites::merge(const FieldWrites &Other) {
  Data.merge(Other.Data);
  for (const std::string &T : Other.Texts)
    add(Taint(), T, false);
  RunTimeText |= Other.RunTimeText;
}

bool FieldWrites::wouldChange(const FieldWrites &Other) const {
  FieldWrites After = *this;
  After.merge(Other);
  auto Same = [](const DataFact &A, const DataFact &B) {
    return A.Category == B.Category && A.Protected == B.Protected;
  };
  return After.Texts != Texts || After.RunTimeText != RunTimeText ||
         !std::equal(After.Data.facts().begin(), After.Data.facts().end(),
                     Data.facts().begin(), Data.facts().end(), Same);
}

void ProgramSummaries::merge(const ProgramSummaries &Other) {
  if (Other.Unread) { // a file's entries: read into a copy, then merged
    ProgramSummaries Read = Other;
    Read.readAll();
    merge(Read);
    return;
  }
  readAll();
  for (const auto &[Key, W] : Other.Fields)
    Fields[Key].merge(W);
  Called.insert(Other.Called.begin(), Other.Called.end());
  for (const auto &[USR, Sites] : Other.Callers) {
    std::vector<CallSite> &Into = Callers[USR];
    for (const CallSite &C : Sites)
      if (!llvm::is_contained(Into, C))
        Into.push_back(C);
    llvm::sort(Into);
  }
  for (const auto &[USR, F] : Other.Functions)
    Functions.emplace(USR, F);
  for (const auto &[USR, List] : Other.Overriders) {
    std::vector<std::string> &Mine = Overriders[USR];
    for (const std::string &I : List)
      if (!llvm::is_contained(Mine, I))
        Mine.push_back(I);
    llvm::sort(Mine);
  }
}

// --- Reading ----------------------------------------------------------------

static bool fromJSON(const json::Value &V, PositionRecord &P, json::Path Path) {
  if (V.getAsNull()) {
    P = PositionRecord();
    return true;
  }
  json::ObjectMapper O(V, Path);
  int64_t Line = 0, Column = 0;
  if (!O || !O.map("file", P.File) || !O.map("line", Line) ||
      !O.map("column", Column))
    return false;
  if (P.File.empty() || Line <= 0 || Column <= 0) {
    Path.report("expected a file name and a positive line and column");
    return false;
  }
  P.Line = unsigned(Line);
  P.Column = unsigned(Column);
  return true;
}

static bool fromJSON(const json::Value &V, Taint &T, json::Path Path) {
  const json::Object *O = V.getAsObject();
  if (!O) {
    Path.report("expected an object with facts and params");
    return false;
  }
  const json::Array *Facts = O->getArray("facts");
  const json::Array *Params = O->getArray("params");
  if (!Facts || !Params) {
    Path.report("expected arrays 'facts' and 'params'");
    return false;
  }
  for (size_t I = 0; I < Facts->size(); ++I) {
    json::Path Here = Path.field("facts").index(I);
    json::ObjectMapper M((*Facts)[I], Here);
    DataFact F;
    if (!M || !M.map("category", F.Category) || !M.map("how", F.How) ||
        !M.map("origin", F.OriginElsewhere) ||
        !readProtection((*Facts)[I], Here, F.Protected))
      return false;
    if (F.Category.empty()) {
      Here.field("category").report("expected a category");
      return false;
    }
    T.add(std::move(F));
  }
  for (size_t I = 0; I < Params->size(); ++I) {
    json::Path Here = Path.field("params").index(I);
    json::ObjectMapper M((*Params)[I], Here);
    ParamUse P;
    int64_t Index = 0;
    if (!M || !M.map("param", Index) || !M.map("field", P.Field) ||
        !readProtection((*Params)[I], Here, P.Protected))
      return false;
    if (Index < -1 || Index > 4096) {
      Here.field("param").report("expected a parameter index, or -1 for the object");
      return false;
    }
    P.Index = Index == -1 ? ParamUse::Receiver : unsigned(Index);
    T.addParam(std::move(P));
  }
  return true;
}

/// The member \p Name of the object \p V, or null, reported at \p Path,
/// when it is missing.
static const json::Value *presentField(const json::Value &V, llvm::StringLiteral Name,
                                       json::Path Path) {
  const json::Object *O = V.getAsObject();
  const json::Value *Field = O ? O->get(Name) : nullptr;
  if (!Field)
    Path.report("missing value");
  return Field;
}

// std::optional is not found by argument-dependent lookup from json's
// templates: these two are called by name.
static bool readOptional(const json::Value &V, llvm::StringLiteral Name,
                         std::optional<unsigned> &N, json::Path Parent) {
  json::Path Path = Parent.field(Name);
  const json::Value *Field = presentField(V, Name, Path);
  if (!Field)
    return false;
  if (Field->getAsNull()) {
    N.reset();
    return true;
  }
  llvm::Optional<int64_t> I = Field->getAsInteger();
  if (!I || *I < -1 || *I > 4096) {
    Path.report("expected a parameter index, -1 for the object, or null");
    return false;
  }
  N = *I == -1 ? ParamUse::Receiver : unsigned(*I);
  return true;
}

static bool readOptional(const json::Value &V, llvm::StringLiteral Name,
                         std::optional<std::string> &S, json::Path Parent) {
  json::Path Path = Parent.field(Name);
  const json::Value *Field = presentField(V, Name, Path);
  if (!Field)
    return false;
  if (Field->getAsNull()) {
    S.reset();
    return true;
  }
  llvm::Optional<llvm::StringRef> Text = Field->getAsString();
  if (!Text) {
    Path.report("expected a string or null");
    return false;
  }
  S = Text->str();
  return true;
}

static bool fromJSON(const json::Value &V, DestinationKind &K, json::Path Path) {
  llvm::Optional<llvm::StringRef> Name = V.getAsString();
  static const DestinationKind Kinds[] = {DestinationKind::Http, DestinationKind::Sdk,
                                          DestinationKind::Storage, DestinationKind::Log,
                                          DestinationKind::Unresolved,
                                          DestinationKind::Cookie};
  if (Name)
    for (DestinationKind Candidate : Kinds)
      if (*Name == kindName(Candidate)) {
        K = Candidate;
        return true;
      }
  Path.report("expected http, sdk, storage, log, unresolved or cookie");
  return false;
}

static bool fromJSON(const json::Value &V, SinkSummary &K, json::Path Path) {
  json::ObjectMapper O(V, Path);
  const json::Value *Expires = V.getAsObject() ? V.getAsObject()->get("expiresAfterMs")
                                                : nullptr;
  if (Expires && Expires->kind() != json::Value::Null) {
    std::optional<int64_t> Millis = Expires->getAsInteger()
                                        ? std::optional<int64_t>(*Expires->getAsInteger())
                                        : std::nullopt;
    if (!Millis || *Millis < 0) {
      Path.field("expiresAfterMs").report("expected a length in milliseconds");
      return false;
    }
    K.Target.ExpiresAfterMillis = uint64_t(*Millis);
  }
  return O && O.map("kind", K.Target.Kind) && O.map("host", K.Target.Host) &&
         O.map("vendor", K.Target.VendorId) && O.map("via", K.Target.Via) &&
         O.mapOptional("cookie", K.Target.Cookie) && readOptional(V, "urlParam", K.UrlParam, Path) && O.map("urlField", K.UrlField) &&
         O.map("urlPath", K.UrlPath) &&
         O.map("data", K.Data) && O.map("at", K.InnerElsewhere) &&
         O.map("reportVendor", K.ReportVendor) &&
         O.map("reportCategories", K.ReportCategories) &&
         O.map("reportedInside", K.ReportedInside);
}

static bool fromJSON(const json::Value &V, ReceiverWrite &W, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("field", W.Field) && O.map("data", W.Data) &&
         readOptional(V, "text", W.Text, Path) &&
         readOptional(V, "textParam", W.TextParam, Path);
}

static bool fromJSON(const json::Value &V, ParamWrite &W, json::Path Path) {
  json::ObjectMapper O(V, Path);
  int64_t Index = -1;
  if (!O || !O.map("param", Index) || !O.map("field", W.Field) ||
      !O.map("data", W.Data))
    return false;
  if (Index < 0 || Index > 4096) {
    Path.field("param").report("expected a parameter index");
    return false;
  }
  W.Index = unsigned(Index);
  return true;
}

// Entries of the file's two lists (in this namespace, where json's
// templates find their fromJSON).
struct SummaryFileFunction {
  std::string USR;
  FunctionSummary Summary;
};
struct SummaryFileOverriders {
  std::string Method;
  std::vector<std::string> Overriders;
};

static bool fromJSON(const json::Value &V, SummaryFileFunction &E, json::Path Path) {
  json::ObjectMapper O(V, Path);
  FunctionSummary &S = E.Summary;
  if (!O || !O.map("usr", E.USR) || !O.map("name", S.Name) ||
      !O.map("sinks", S.Sinks) || !O.map("receiverWrites", S.ReceiverWrites) ||
      !O.map("paramWrites", S.ParamWrites) ||
      !O.map("returns", S.Returns) || !readOptional(V, "returnText", S.ReturnText, Path) ||
      !readOptional(V, "returnTextParam", S.ReturnTextParam, Path) ||
      !O.map("returnTextField", S.ReturnTextField))
    return false;
  if (E.USR.empty()) {
    Path.field("usr").report("expected a function's USR");
    return false;
  }
  S.Done = true;
  return true;
}

static bool fromJSON(const json::Value &V, SummaryFileOverriders &E, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("method", E.Method) && O.map("overriders", E.Overriders);
}

struct SummaryFileCallers {
  std::string Callee;
  std::vector<CallSite> Sites;
};

static bool fromJSON(const json::Value &V, CallSite &C, json::Path Path) {
  json::ObjectMapper O(V, Path);
  return O && O.map("caller", C.Caller) && O.map("callerName", C.CallerName) &&
         O.map("guards", C.Guards) && O.map("at", C.At);
}

static bool fromJSON(const json::Value &V, SummaryFileCallers &E, json::Path Path) {
  json::ObjectMapper O(V, Path);
  if (!O || !O.map("callee", E.Callee) || !O.map("sites", E.Sites))
    return false;
  if (E.Callee.empty()) {
    Path.field("callee").report("expected a function's USR");
    return false;
  }
  return true;
}

struct SummaryFileField {
  std::string Key;
  FieldWrites Writes;
};

static bool fromJSON(const json::Value &V, SummaryFileField &E, json::Path Path) {
  json::ObjectMapper O(V, Path);
  if (!O || !O.map("field", E.Key) || !O.map("data", E.Writes.Data) ||
      !O.map("texts", E.Writes.Texts) || !O.map("runTimeText", E.Writes.RunTimeText))
    return false;
  if (E.Key.empty()) {
    Path.field("field").report("expected a class's USR and a field path");
    return false;
  }
  if (!E.Writes.Data.params().empty()) {
    Path.field("data").report("expected facts only: a field's writes have no parameters");
    return false;
  }
  llvm::sort(E.Writes.Texts);
  return true;
}

/// The entries of a summaries file, indexed by kind and key; each is parsed
/// when first looked up.
struct FileEntries {
  std::string FileName;
  std::string Text; // the file; the lines below point into it
  std::map<std::string, std::pair<llvm::StringRef, unsigned>> Functions, Overriders,
      Fields, Callers; // the line and its number
  std::set<std::string> Called;
  std::map<std::string, FunctionSummary> ReadFunctions;
  std::map<std::string, std::vector<CallSite>> ReadCallers;
  std::map<std::string, std::vector<std::string>> ReadOverriders;
  std::map<std::string, FieldWrites> ReadFields;

  /// The entry of a line, or null (said once on stderr: a file whose hash
  /// matches was written by policycheck, so this is a hand-made file).
  template <typename T> bool read(const std::pair<llvm::StringRef, unsigned> &Line, T &Out) {
    llvm::Expected<json::Value> V = json::parse(Line.first);
    std::string Problem;
    if (!V) {
      Problem = llvm::toString(V.takeError());
    } else if (const json::Value *Entry =
                   V->getAsObject() ? V->getAsObject()->get("entry") : nullptr) {
      json::Path::Root Root("entry");
      if (fromJSON(*Entry, Out, Root))
        return true;
      Problem = llvm::toString(Root.getError());
    } else {
      Problem = "expected an \"entry\"";
    }
    llvm::errs() << "policycheck: error: " << FileName << ":" << Line.second
                 << ": malformed summary entry: " << Problem << "\n";
    return false;
  }
};

/// The kind and the key a line of the file begins with.
static bool indexLine(llvm::StringRef Line, std::string &Kind, std::string &Key) {
  if (!Line.consume_front("{\"kind\":\""))
    return false;
  auto [K, Rest] = Line.split('"');
  Kind = K.str();
  if (!Rest.consume_front(",\"key\":\""))
    return false;
  // The key's JSON string, up to its closing quote.
  size_t End = 0;
  while (End < Rest.size() && Rest[End] != '"')
    End += Rest[End] == '\\' ? 2 : 1;
  if (End >= Rest.size())
    return false;
  llvm::Expected<json::Value> Parsed = json::parse(("\"" + Rest.take_front(End) + "\"").str());
  if (!Parsed || !Parsed->getAsString()) {
    llvm::consumeError(Parsed.takeError());
    return false;
  }
  Key = Parsed->getAsString()->str();
  return !Key.empty();
}

llvm::Expected<ProgramSummaries> parseSummaries(llvm::StringRef Text,
                                                llvm::StringRef FileName) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   FileName + ": " + Why);
  };
  auto [HeaderLine, Body] = Text.split('\n');
  llvm::Expected<json::Value> Parsed = json::parse(HeaderLine);
  if (!Parsed)
    return Fail("not a policycheck summaries file: " +
                llvm::toString(Parsed.takeError()));
  const json::Object *Top = Parsed->getAsObject();
  if (!Top || Top->getString("format") != llvm::StringRef(FormatName))
    return Fail(llvm::Twine("not a policycheck summaries file (expected \"format\": \"") +
                FormatName + "\")");
  llvm::Optional<llvm::StringRef> Writer = Top->getString("policycheck");
  if (Top->getInteger("revision") != FormatRevision || !Writer || *Writer != Version)
    return Fail(llvm::Twine("written by policycheck ") +
                (Writer ? *Writer : llvm::StringRef("(unknown)")) + ", not by this " +
                Version + "; write it again with this version");
  if (Top->getString("entriesHash") != llvm::StringRef(textHash(Body)))
    return Fail("cut short or edited: its entries do not match the hash in its first "
                "line; write it again with policycheck");
  auto Entries = std::make_shared<FileEntries>();
  Entries->FileName = FileName.str();
  Entries->Text = Body.str();
  llvm::StringRef Rest = Entries->Text;
  for (unsigned Number = 2; !Rest.empty(); ++Number) {
    llvm::StringRef Line;
    std::tie(Line, Rest) = Rest.split('\n');
    std::string Kind, Key;
    if (!indexLine(Line, Kind, Key))
      return Fail("line " + llvm::Twine(Number) +
                  ": expected an entry {\"kind\": ..., \"key\": ...}");
    if (Kind == "function")
      Entries->Functions.emplace(Key, std::make_pair(Line, Number));
    else if (Kind == "overriders")
      Entries->Overriders.emplace(Key, std::make_pair(Line, Number));
    else if (Kind == "field")
      Entries->Fields.emplace(Key, std::make_pair(Line, Number));
    else if (Kind == "called")
      Entries->Called.insert(Key);
    else if (Kind == "callers")
      Entries->Callers.emplace(Key, std::make_pair(Line, Number));
    else
      return Fail("line " + llvm::Twine(Number) + ": unknown kind of entry '" + Kind +
                  "'; expected function, overriders, field, called or callers");
  }
  ProgramSummaries S;
  S.Unread = std::move(Entries);
  return S;
}

/// An entry of one kind: from the summaries' own map, else read once from
/// the file's line and kept.
template <typename Entry, typename T>
static const T *readOnce(const std::map<std::string, T> &Own, FileEntries *Unread,
                         std::map<std::string, T> FileEntries::*Read,
                         std::map<std::string, std::pair<llvm::StringRef, unsigned>>
                             FileEntries::*Lines,
                         T Entry::*Value, const std::string &Key) {
  if (auto It = Own.find(Key); It != Own.end())
    return &It->second;
  if (!Unread)
    return nullptr;
  std::map<std::string, T> &Cache = Unread->*Read;
  if (auto It = Cache.find(Key); It != Cache.end())
    return &It->second;
  const auto &Index = Unread->*Lines;
  auto Line = Index.find(Key);
  Entry E;
  if (Line == Index.end() || !Unread->read(Line->second, E))
    return nullptr;
  return &Cache.emplace(Key, std::move(E.*Value)).first->second;
}

const FunctionSummary *ProgramSummaries::function(const std::string &USR) const {
  return readOnce(Functions, Unread.get(), &FileEntries::ReadFunctions, &FileEntries::Functions,
                  &SummaryFileFunction::Summary, USR);
}

const std::vector<std::string> *
ProgramSummaries::overriders(const std::string &USR) const {
  return readOnce(Overriders, Unread.get(), &FileEntries::ReadOverriders,
                  &FileEntries::Overriders, &SummaryFileOverriders::Overriders, USR);
}

const FieldWrites *ProgramSummaries::field(const std::string &Key) const {
  return readOnce(Fields, Unread.get(), &FileEntries::ReadFields, &FileEntries::Fields,
                  &SummaryFileField::Writes, Key);
}

const std::vector<CallSite> *ProgramSummaries::callers(const std::string &USR) const {
  return readOnce(Callers, Unread.get(), &FileEntries::ReadCallers, &FileEntries::Callers,
                  &SummaryFileCallers::Sites, USR);
}

bool ProgramSummaries::called(const std::string &USR) const {
  return Called.count(USR) || (Unread && Unread->Called.count(USR));
}

void ProgramSummaries::readAll() {
  if (!Unread)
    return;
  std::shared_ptr<FileEntries> Entries = std::move(Unread);
  auto ReadEach = [&](const auto &Index, auto &Into, auto Value, auto Entry) {
    for (const auto &[Key, Line] : Index) {
      decltype(Entry) E;
      if (Entries->read(Line, E))
        Into.emplace(Key, std::move(E.*Value));
    }
  };
  ReadEach(Entries->Functions, Functions, &SummaryFileFunction::Summary, SummaryFileFunction());
  ReadEach(Entries->Overriders, Overriders, &SummaryFileOverriders::Overriders,
           SummaryFileOverriders());
  ReadEach(Entries->Fields, Fields, &SummaryFileField::Writes, SummaryFileField());
  ReadEach(Entries->Callers, Callers, &SummaryFileCallers::Sites, SummaryFileCallers());
  Called.insert(Entries->Called.begin(), Entries->Called.end());
}

bool summariesFromJson(const llvm::json::Value &V, ProgramSummaries &S,
                       std::string &Error) {
  std::vector<SummaryFileFunction> Functions;
  std::vector<SummaryFileOverriders> Overriders;
  std::vector<SummaryFileField> Fields;
  std::vector<SummaryFileCallers> Callers;
  std::vector<std::string> Called;
  json::Path::Root Root("summaries");
  json::ObjectMapper O(V, Root);
  if (!O || !O.map("functions", Functions) || !O.map("overriders", Overriders) ||
      !O.map("fields", Fields) || !O.map("called", Called) ||
      !O.map("callers", Callers)) {
    Error = llvm::toString(Root.getError());
    return false;
  }
  S = ProgramSummaries();
  for (SummaryFileFunction &E : Functions)
    S.Functions[E.USR] = std::move(E.Summary);
  for (SummaryFileOverriders &E : Overriders)
    S.Overriders[E.Method] = std::move(E.Overriders);
  for (SummaryFileField &E : Fields)
    S.Fields[E.Key] = std::move(E.Writes);
  S.Called.insert(Called.begin(), Called.end());
  for (SummaryFileCallers &E : Callers)
    S.Callers[E.Callee] = std::move(E.Sites);
  return true;
}

llvm::Expected<ProgramSummaries> readSummariesFile(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read summaries file " +
                                                          Path + ": " +
                                                          Buffer.getError().message());
  return parseSummaries((*Buffer)->getBuffer(), Path);
}

} // namespace policycheck
