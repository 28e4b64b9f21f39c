//===--- LibraryModels.h - What library functions do with data -*- C++ -*-===//
//
// The built-in knowledge of libraries (policy-schema/models/*.yaml): which
// calls send, store or log their arguments, which return personal data, which
// hash or encrypt, which pass data through, and which bind a URL to a request.
// The analysis asks it about every call it cannot see into.
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_LIBRARYMODELS_H
#define POLICYCHECK_LIBRARYMODELS_H

#include "policycheck/BuiltinData.h"
#include "policycheck/Cookies.h"
#include "policycheck/Policy.h"
#include "policycheck/PolicyLocation.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace policycheck {

/// A set of argument positions: a list, or every argument from some position.
struct ArgumentSet {
  std::vector<unsigned> Indices;
  std::optional<unsigned> AllFrom; // `all` is AllFrom = 0

  bool contains(unsigned Index) const;
  bool empty() const { return Indices.empty() && !AllFrom; }
};

enum class ModelRole {
  Sink,
  Source,
  Transform,
  Propagate,
  RequestOption,
  UrlBinding,
  QueryBinding,
  /// The result (for a constructor, the object made) is a handle into the
  /// object called or into an argument (`into`): what is put into it later
  /// is put there too (`doc.append_child("user")`, `Writer w(buffer)`).
  Handle,
  /// The arguments of `from` become parts of the object called, now and
  /// later: what is put into them afterwards is in it too
  /// (`root.appendChild(element)`, then `element.setAttribute(...)`).
  Attach
};
enum class SinkKind { Log, Storage, Http, Vendor, Stream };
/// The part of an HTTP request a libcurl-style option sets.
enum class RequestPart { Url, Body, Header };

struct FunctionModel {
  std::string Library;
  std::string Pattern; // qualified name, `*` wildcard
  ModelRole Role = ModelRole::Sink;
  // Sink
  SinkKind Sink = SinkKind::Log;
  ArgumentSet Arguments;
  std::optional<unsigned> UrlArgument;
  bool UrlFromReceiver = false;
  std::string VendorId;
  std::optional<unsigned> StreamArgument;
  /// `returns: body_stream`: the call returns the stream the request's body
  /// is written to (Poco's `session.sendRequest(req) << body`).
  bool ReturnsBodyStream = false;
  // Source
  std::string Category;
  /// `column_argument: N` with `statement_argument: S`: the result is
  /// column N of the rows of the query bound to statement S
  /// (`sqlite3_column_text(st, 0)`), and holds what that column's name in
  /// the query's select list says (`SELECT ip_address ...`).
  std::optional<unsigned> ColumnArgument;
  std::optional<unsigned> StatementArgument;
  // QueryBinding: the query's text is bound to the statement `into` names
  // (`sqlite3_prepare_v2(db, sql, -1, &st, nullptr)`).
  std::optional<unsigned> QueryArgument;
  // Source, Transform, Propagate: the output argument; none is the result.
  std::optional<unsigned> Into;
  /// `into: receiver`: the data goes into the object called
  /// (`hash.addData(pw)`); `from_receiver: true`: the result carries what the
  /// object holds (`hash.result()`).
  bool IntoReceiver = false;
  bool FromReceiver = false;
  /// `expiry_argument: N` (with `expiry_unit: seconds|milliseconds`): how
  /// long the storage keeps what the call stores (a cache's `set(k, v, ttl)`).
  std::optional<unsigned> ExpiryArgument;
  uint64_t ExpiryUnitMillis = 1000;
  /// `command_argument: N`: the argument is a Redis command, printf-style
  /// with the following arguments; `SETEX`, `SET ... EX|PX`, `EXPIRE` in it
  /// give how long the stored value is kept.
  std::optional<unsigned> CommandArgument;
  // Transform, Propagate
  TransformResult Result = TransformResult::Hashed;
  /// `strength:` of a hash; or `algorithm_argument: N`, the argument that
  /// names the algorithm (`EVP_sha256()`, `QCryptographicHash::Md5`, crypt's
  /// `"$2b$..."` setting), looked up in `hash_algorithms`.
  HashGrade Strength = HashGrade::Unknown;
  std::optional<unsigned> AlgorithmArgument;
  ArgumentSet From;
  std::optional<unsigned> KeyArgument;
  /// `key_of_next: true`: the call's text argument is the key of the next
  /// value written into the object called, and names it as a JSON key names
  /// its value (`writer.Key("email"); writer.String(v)`).
  bool KeyOfNext = false;
  /// `format_argument: N`: the result's text is that `{}`-style format
  /// string with the following arguments' texts in place
  /// (`fmt::format("{}/v1/users", base)` keeps the base URL's host).
  std::optional<unsigned> FormatArgument;
  /// `format_style: printf`: `%s`-style conversions instead of `{}`.
  bool PrintfFormat = false;
  // RequestOption
  unsigned RequestArgument = 0, OptionArgument = 1, ValueArgument = 2;
  std::map<std::string, RequestPart> Options;

  PolicyLocation Location;
};

/// Where a stream's writes go. `Device`: where the object it was made over
/// goes (a QTextStream over a QFile stores, over stdout logs).
enum class StreamKind { Log, Storage, Buffer, Device };

struct StreamModel {
  std::string Library;
  std::string Object; // a global stream object (`std::cout`, `stderr`)
  std::string Type;   // or a stream type pattern (`std::basic_ofstream`)
  StreamKind Kind = StreamKind::Log;
};

/// `hash_algorithms:`: what an algorithm argument's name (a call's callee, an
/// enumerator; `*` wildcard) or its text's prefix (crypt's `$2b$`) says of
/// the hash's strength.
struct HashAlgorithm {
  std::vector<std::string> Names;
  std::vector<std::string> Prefixes;
  HashGrade Strength = HashGrade::Unknown;
};

/// What method names say on classes policycheck cannot see into
/// (`conventions:` in the model files).
struct NamingConventions {
  std::vector<std::string> KeyLookups, KeyLookupsReturningObjects, ValueReads,
      NumberReadPrefixes, NumberTypes, SetterVerbs, ValueTypes, ForwardingFactories,
      Serializers;

  /// `j.at("email")`: a lookup by key (find only when it returns an object).
  bool isKeyLookup(llvm::StringRef Name, bool ReturnsObject) const;
  /// `j.get<double>()`, `v.toDouble()`: a value read out of another.
  bool isValueRead(llvm::StringRef Name) const;
  /// `request.setRawHeader(...)`: puts its arguments into its object.
  bool isSetter(llvm::StringRef Name) const;
  /// `basic_json`: a converting constructor makes a new value.
  bool isValueType(llvm::StringRef ClassName) const {
    return llvm::is_contained(ValueTypes, ClassName);
  }
  /// `to_json`: the program's `to_json(json &, const T &)`, found by
  /// argument-dependent lookup, makes a value type from a T.
  bool isSerializer(llvm::StringRef Name) const {
    return llvm::is_contained(Serializers, Name);
  }
  /// `std::make_unique`: makes its template argument from its arguments.
  bool isForwardingFactory(llvm::StringRef QualifiedName) const {
    return llvm::is_contained(ForwardingFactories, QualifiedName);
  }
};

class LibraryModels {
public:
  /// The built-in models, parsed once from the embedded data files.
  static const LibraryModels &builtin();
  static llvm::Expected<LibraryModels>
  parse(llvm::ArrayRef<builtin::DataFile> Files);

  /// The model of the function of this qualified name, or null. Exact names
  /// win over patterns; among patterns the first in file order wins.
  const FunctionModel *find(llvm::StringRef QualifiedName) const;
  const StreamModel *streamForObject(llvm::StringRef QualifiedName) const;
  const StreamModel *streamForType(llvm::StringRef QualifiedTypeName) const;

  const std::vector<FunctionModel> &functions() const { return Functions; }
  const NamingConventions &conventions() const { return Conventions; }
  const CookieModels &cookies() const { return Cookies; }
  /// The strength of the hash algorithm a name (`EVP_md5`, `Sha256`) or a
  /// text (`$2b$12$...`) names; Unknown when no `hash_algorithms` entry does.
  HashGrade algorithmStrength(llvm::StringRef Name, llvm::StringRef Text) const;

  /// A macro whose expansion is a string made from its literal argument
  /// (`QStringLiteral("https://...")`): the expression has that text.
  bool isTextMacro(llvm::StringRef MacroName) const {
    return llvm::is_contained(TextMacros, MacroName);
  }

private:
  std::vector<FunctionModel> Functions;
  std::map<std::string, size_t> Exact; // name -> index into Functions
  std::vector<size_t> Patterns;
  std::vector<StreamModel> Streams;
  std::vector<std::string> TextMacros;
  std::vector<HashAlgorithm> HashAlgorithms;
  CookieModels Cookies;
  NamingConventions Conventions;
};

} // namespace policycheck

#endif
