//===--- Annotations.cpp - Reading policycheck/annotations.h --------------===//
#include "knowledge/Annotations.h"

#include "clang/AST/Attr.h"
#include "llvm/ADT/SmallVector.h"

namespace policycheck {

static void readOne(llvm::StringRef Text, clang::SourceLocation Loc,
                    const Policy &P, DeclAnnotations &Out) {
  const std::string Original = Text.str();
  auto Error = [&](const std::string &Message) {
    Out.Errors.push_back({Loc, "privacy annotation '" + Original + "': " + Message});
  };
  auto KnownCategory = [&](llvm::StringRef Key) {
    if (P.taxonomy().contains(Key))
      return true;
    Error("'" + Key.str() + "' is neither declared in the policy's 'categories' "
                            "nor in the taxonomy");
    return false;
  };
  if (Text.consume_front("data:")) {
    if (KnownCategory(Text))
      Out.DataCategory = Text.str();
    return;
  }
  if (Text == "not_personal") {
    Out.NotPersonal = true;
    return;
  }
  if (Text.consume_front("retention:")) {
    if (KnownCategory(Text))
      Out.RetentionCategory = Text.str();
    return;
  }
  if (Text.consume_front("transform:")) {
    if (Text.consume_front("hashed:")) {
      Out.Transform = TransformResult::Hashed;
      if (Text == "password")
        Out.TransformStrength = HashGrade::Password;
      else if (Text == "digest")
        Out.TransformStrength = HashGrade::Digest;
      else if (Text == "weak")
        Out.TransformStrength = HashGrade::Weak;
      else
        Error("expected a hash's strength: password, digest or weak");
      return;
    }
    if (Text == "hashed")
      Out.Transform = TransformResult::Hashed;
    else if (Text == "encrypted")
      Out.Transform = TransformResult::Encrypted;
    else if (Text == "anonymized")
      Out.Transform = TransformResult::Anonymized;
    else
      Error("expected hashed, encrypted or anonymized");
    return;
  }
  if (Text.consume_front("sink:")) {
    SinkModel M;
    bool HasDestination = false;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Text.split(Parts, ';');
    for (llvm::StringRef Part : Parts) {
      auto [Key, Value] = Part.split('=');
      if (Key == "vendor") {
        if (!P.vendor(Value)) {
          Error("'" + Value.str() + "' is not a vendor the policy declares");
          return;
        }
        M.SinkKind = SinkModel::Kind::Vendor;
        M.VendorId = Value.str();
        HasDestination = true;
      } else if (Key == "kind" && (Value == "storage" || Value == "log")) {
        M.SinkKind = Value == "storage" ? SinkModel::Kind::Storage
                                        : SinkModel::Kind::Log;
        HasDestination = true;
      } else if (Key == "url_argument" && !Value.getAsInteger(10, M.UrlArgument)) {
        M.SinkKind = SinkModel::Kind::Url;
        HasDestination = true;
      } else if (Key == "arguments") {
        llvm::SmallVector<llvm::StringRef, 4> Indices;
        Value.split(Indices, ',');
        for (llvm::StringRef I : Indices) {
          unsigned Index = 0;
          if (I.trim().getAsInteger(10, Index)) {
            Error("expected argument positions such as \"1,2\"");
            return;
          }
          M.Arguments.push_back(Index);
        }
      } else {
        Error("unknown sink setting '" + Part.str() + "'");
        return;
      }
    }
    if (!HasDestination) {
      Error("a sink needs a vendor, a kind or a url_argument");
      return;
    }
    Out.Sink = std::move(M);
    return;
  }
  Error("unknown privacy annotation");
}

DeclAnnotations readAnnotations(const clang::Decl *D, const Policy &P) {
  DeclAnnotations Out;
  if (!D)
    return Out;
  for (const clang::Decl *Redecl : D->redecls())
    for (const auto *A : Redecl->specific_attrs<clang::AnnotateAttr>()) {
      llvm::StringRef Text = A->getAnnotation();
      if (Text.consume_front("policycheck:"))
        readOne(Text, A->getLocation(), P, Out);
    }
  return Out;
}

} // namespace policycheck
