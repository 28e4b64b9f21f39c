//===--- Summaries.h - What a function does with its parameters -*- C++ -*-===//
//
// A function's summary says, in terms of its parameters and the fields of its
// object, which data reaches which sinks inside it, what it leaves in its
// object and what it returns. Each call instantiates it with the caller's
// arguments, so a finding lands at the innermost call that knows both what
// the data is and where it goes (contract section 4).
//
// A translation unit exports the summaries of the functions it defines,
// named by their USR, with their places as text (PositionRecord), and the
// overriders it defines; the program's summaries, linked from those of every
// translation unit, stand in for a function whose body is in another file.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_SUMMARIES_H
#define POLICYCHECK_SUMMARIES_H

#include "policycheck/FlowEvent.h"
#include "policycheck/Taint.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace policycheck {

/// A sink reached inside a function whose data or destination depends on the
/// function's parameters.
struct SinkSummary {
  Destination Target;
  std::optional<unsigned> UrlParam; // the destination is this parameter's URL
  std::string UrlField;             // UrlParam is the object's: this field's
  std::string UrlPath;              // text appended to it (`/capture`)
  Taint Data;
  clang::SourceLocation InnerLocation;
  PositionRecord InnerElsewhere; // a summary from another translation unit
  bool ReportVendor = true;
  bool ReportCategories = true;
  /// The categories the function itself knew it sends there (a field or
  /// parameter named `birth_date`) and reported there, with the protection
  /// it knew of: a caller's arguments add only the others, and what arrives
  /// less protected than the function could tell (a `password_hash`
  /// parameter given a SHA-256 digest or the password itself), so a flow is
  /// reported once, at the innermost function that knows both what and
  /// where.
  struct Reported {
    std::string Category;
    Protection Protected;
    bool operator==(const Reported &O) const {
      return Category == O.Category && Protected == O.Protected;
    }
  };
  std::vector<Reported> ReportedInside;
  /// Whether the caller's \p Fact is one reported inside already.
  bool reportedInside(const DataFact &Fact) const;
};

/// What a method leaves in a field of its object (`email_ = e`), for the
/// caller's object.
struct ReceiverWrite {
  std::string Field; // `.email_`
  Taint Data;
  /// The text left there (`base_ = url`): a constant, or a parameter's.
  std::optional<std::string> Text;
  std::optional<unsigned> TextParam;
};

/// What a function leaves in what a reference or pointer parameter refers
/// to (`void fill(Body &out, const User &u)` writing `out.text`), for the
/// caller's argument.
struct ParamWrite {
  unsigned Index = 0;
  std::string Field; // `.text`, or empty for the whole object
  Taint Data;
};

struct FunctionSummary {
  /// The qualified name, for notes (`net::post`).
  std::string Name;
  std::vector<SinkSummary> Sinks;
  std::vector<ReceiverWrite> ReceiverWrites;
  std::vector<ParamWrite> ParamWrites;
  Taint Returns;
  std::optional<std::string> ReturnText;
  std::optional<unsigned> ReturnTextParam;
  std::string ReturnTextField; // ReturnTextParam is the object's: this field's
  bool Done = false;
  bool InProgress = false;
};

/// What the program writes into one field of a class, in any method of any
/// translation unit (`host_ = url` in a setter called with a constant,
/// `body_ = email` in a method): read where no caller says what the object
/// holds (a method run by a timer, signal or thread; an object that is a
/// global or a member), a field holds what any write put there.
struct FieldWrites {
  Taint Data;                     // facts only: never a parameter's
  std::vector<std::string> Texts; // the constant texts written, sorted
  /// Some write's text is known only at run time: the field's text is not
  /// one constant, whatever the others write.
  bool RunTimeText = false;

  /// The field's text when every write that has one agrees.
  std::optional<std::string> text() const {
    if (RunTimeText || Texts.size() != 1)
      return std::nullopt;
    return Texts.front();
  }
  void add(const Taint &Written, const std::optional<std::string> &Text,
           bool TextAtRunTime);
  void merge(const FieldWrites &Other);
  /// Whether merging \p Other would change what these say: a category or
  /// its protection, a text.
  bool wouldChange(const FieldWrites &Other) const;
};

/// A call of the program to a function, for `consent`: who makes it, where,
/// and which consent checks (the policy's `check` patterns) are known to
/// have been found true there.
struct CallSite {
  std::string Caller; // the calling function's USR
  std::string CallerName;
  std::vector<std::string> Guards; // sorted
  PositionRecord At;

  bool operator<(const CallSite &O) const {
    return std::tie(Caller, At.File, At.Line, At.Column) <
           std::tie(O.Caller, O.At.File, O.At.Line, O.At.Column);
  }
  bool operator==(const CallSite &O) const {
    return Caller == O.Caller && At == O.At && Guards == O.Guards;
  }
};

struct FileEntries;

/// The summaries of a program's functions and its overriders, by USR.
struct ProgramSummaries {
  std::map<std::string, FunctionSummary> Functions;
  /// Every overrider of a virtual method, however far down.
  std::map<std::string, std::vector<std::string>> Overriders;
  /// What is written into each field, by the class's USR and the field's
  /// path (`c:@S@Uploader.host_`).
  std::map<std::string, FieldWrites> Fields;
  /// The functions some call of the program runs, by USR: a method no call
  /// runs is an entry point (a slot, a callback, a thread's body), whose
  /// object's fields hold what the program writes into them.
  std::set<std::string> Called;
  /// Every call of the program to a function, by the callee's USR, with the
  /// consent checks known true where it is made (only when the policy has
  /// `consent`): a vendor call is guarded when every way into its function
  /// is.
  std::map<std::string, std::vector<CallSite>> Callers;

  /// The entries of a summaries file not read yet: a translation unit
  /// reads only those it looks up, not the whole program's.
  std::shared_ptr<FileEntries> Unread;

  /// One entry, from the maps or, read on first use, from the file.
  const FunctionSummary *function(const std::string &USR) const;
  const std::vector<std::string> *overriders(const std::string &USR) const;
  const FieldWrites *field(const std::string &Key) const;
  bool called(const std::string &USR) const;
  const std::vector<CallSite> *callers(const std::string &USR) const;
  /// Reads every entry of the file into the maps (before sharing the
  /// summaries between threads, merging or writing them).
  void readAll();

  bool empty() const {
    return Functions.empty() && Overriders.empty() && Fields.empty() && Called.empty() &&
           Callers.empty() && !Unread;
  }
  /// Adds another translation unit's: a function defined in several (an
  /// inline function, a template) keeps the summary first added.
  void merge(const ProgramSummaries &Other);
  /// The canonical text of one function's summary, or of one method's
  /// overriders: what a translation unit that looked it up depends on.
  std::string functionText(const std::string &USR) const;
  std::string overridersText(const std::string &USR) const;
  std::string fieldText(const std::string &Key) const;
  std::string calledText(const std::string &USR) const {
    return called(USR) ? "called" : "";
  }
  std::string callersText(const std::string &USR) const;
};

/// The summaries file's format: JSON Lines, a header (the format, the
/// policycheck version that wrote it, a hash of the rest) and one entry per
/// line, so that a reader can index the file without parsing it and parse
/// only what it looks up. Summaries of another version are refused, and a
/// file whose entries do not match the header's hash (cut short, edited) is
/// one error, never a partial set of summaries.
void writeSummaries(const ProgramSummaries &S, llvm::raw_ostream &OS);
llvm::Expected<ProgramSummaries> parseSummaries(llvm::StringRef Text,
                                                llvm::StringRef FileName);
llvm::Expected<ProgramSummaries> readSummariesFile(llvm::StringRef Path);

/// The summaries as a JSON value, without the file's header (for the tool's
/// cache, which has a header of its own).
llvm::json::Value summariesToJson(const ProgramSummaries &S);
bool summariesFromJson(const llvm::json::Value &V, ProgramSummaries &S,
                       std::string &Error);

} // namespace policycheck

#endif
