//===--- FunctionAnalyzer.h - Following data through one function -*- C++ -*-===//
//
// Internal to the core. A FunctionAnalyzer walks one function body in source
// order, keeping what each variable, field and object holds (its taint and,
// for text, its constant value), and turns every sink call into flow events
// or, where the data or the destination is still a parameter, into the
// function's summary, which each call site instantiates. That is how a finding
// lands at the innermost call that knows both what the data is and where it
// goes (contract section 4).
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIB_FUNCTIONANALYZER_H
#define POLICYCHECK_LIB_FUNCTIONANALYZER_H

#include "knowledge/Annotations.h"

#include "policycheck/Analysis.h"
#include "policycheck/FlowEvent.h"
#include "policycheck/Summaries.h"
#include "policycheck/Taint.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace policycheck {

/// Where what is written to a stream goes: the request a sink returned the
/// body stream of.
struct BodyStream {
  Destination Target;
  std::optional<unsigned> UrlParam;
  std::string UrlPath;
};

/// What an expression evaluates to, as far as the analysis cares.
struct Value {
  Taint Data;
  /// The constant text, when known (URLs, hosts, keys).
  std::optional<std::string> Text;
  /// The text is that of this parameter (a wrapper's URL argument).
  std::optional<unsigned> TextParam;
  /// The data came through a function policycheck cannot see into, so it is
  /// a guess: a variable whose own name says what it holds knows better.
  bool Guessed = false;
  /// The value is a stream whose writes go to this request's body.
  std::shared_ptr<const BodyStream> Stream;
  /// The value is a handle into the object of this environment key (a DOM
  /// node in its document, a JSON writer over its buffer): what is put into
  /// it is put there too.
  std::string HandleOf;
};

/// Shared across the functions of one translation unit.
class TranslationUnitState {
public:
  TranslationUnitState(clang::ASTContext &Context, const Knowledge &K)
      : Context(Context), K(K) {}

  clang::ASTContext &Context;
  const Knowledge &K;
  std::map<const clang::FunctionDecl *, FunctionSummary> Summaries;
  /// The methods of this translation unit that override a virtual method
  /// (by its canonical declaration): a call through an interface runs one
  /// of them.
  std::map<const clang::CXXMethodDecl *, std::vector<const clang::CXXMethodDecl *>>
      Overriders;
  std::vector<FlowEvent> Events;
  /// The program's summaries, for the functions whose bodies are in other
  /// translation units; null when this translation unit is analysed alone.
  const ProgramSummaries *Linked = nullptr;
  /// What this translation unit looked up in them (`f:` a function's USR,
  /// `o:` a method's whose overriders were asked for), found or not: its
  /// results depend on these entries and on nothing else of the program.
  std::set<std::string> LookedUp;
  /// The functions this translation unit calls, by USR (every call in its
  /// code, found before any function is analysed).
  std::set<std::string> Called;
  /// Whether some call of the program runs \p Method or a method it
  /// overrides: if not, it is an entry point (a slot, a callback).
  bool isCalled(const clang::CXXMethodDecl *Method);
  /// What this translation unit writes into fields (exported with its
  /// summaries), by FieldWrites' key: the class's USR and the field path.
  std::map<std::string, FieldWrites> FieldsWritten;
  /// What the first pass over this translation unit wrote into fields, for
  /// the second, when the first read a field before a later function wrote
  /// it; null on the first pass.
  const std::map<std::string, FieldWrites> *EarlierPass = nullptr;
  /// The keys of fields whose writes the analysis read.
  std::set<std::string> FieldsRead;
  /// What the program writes into a field: the linked summaries' and this
  /// translation unit's own (from the first pass).
  FieldWrites fieldWrites(const std::string &Key);
  void recordFieldWrite(const std::string &Key, const Taint &Written,
                        const std::optional<std::string> &Text, bool TextAtRunTime);
  /// The key of a field path of a class (`c:@S@Uploader` and `.host_`).
  std::string fieldKey(const clang::CXXRecordDecl *Class, llvm::StringRef Path);
  /// A declaration's USR, computed once; empty when it has none.
  const std::string &usrOf(const clang::Decl *D);
  std::map<const clang::Decl *, std::string> USRs;
  /// Constant text of fields, set by constructors (the first one seen).
  std::map<const clang::FieldDecl *, std::string> FieldText;
  /// Constant text of fields from their in-class initializers
  /// (`std::string base_ = "https://..."`, `httplib::Client http_{url}`),
  /// evaluated when first read; a constructor's text wins.
  std::map<const clang::FieldDecl *, std::optional<std::string>> InClassFieldText;
  /// Constant text of global and static variables, evaluated once.
  std::map<const clang::VarDecl *, std::optional<std::string>> GlobalText;

  /// The calls this translation unit makes to the program's functions,
  /// by the callee's USR, with the consent checks known true there (only
  /// when the policy has `consent`).
  struct LocalCall {
    const clang::FunctionDecl *Caller;
    clang::SourceLocation Location;
    std::set<std::string> Guards;
  };
  std::map<std::string, std::vector<LocalCall>> CallsTo;
  /// A call to a vendor, or a cookie set, that a `consent` entry covers and
  /// its own function does not guard: it is guarded only if every way into
  /// that function is (ConsentCheck).
  /// Every call to a consent entry's check (the data map lists them).
  std::vector<ConsentCheckCall> ConsentCheckCalls;
  struct ConsentUse {
    const clang::FunctionDecl *Function;
    FlowEvent Event;
    const ConsentRule *Rule;
  };
  std::vector<ConsentUse> ConsentUses;

  const FunctionSummary &summaryOf(const clang::FunctionDecl *FD);
  /// The privacy annotations of a declaration, read once; their errors are
  /// collected once in Errors.
  const DeclAnnotations &annotationsOf(const clang::Decl *D);
  std::map<const clang::Decl *, DeclAnnotations> Annotations;
  std::vector<AnalysisError> Errors;
  void emit(FlowEvent Event) { Events.push_back(std::move(Event)); }
  /// True when the analysis should look into this function's body.
  bool isAnalyzable(const clang::FunctionDecl *FD) const;
};

void analyzeFunction(TranslationUnitState &State, const clang::FunctionDecl *FD,
                     FunctionSummary &Summary);

} // namespace policycheck

#endif
