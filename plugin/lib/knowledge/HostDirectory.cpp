//===--- HostDirectory.cpp - Well-known third-party hosts -----------------===//
#include "policycheck/HostDirectory.h"

#include "policycheck/BuiltinData.h"
#include "policycheck/YamlSupport.h"

#include "llvm/Support/ErrorHandling.h"

#include <map>

namespace policycheck {

const HostDirectory &HostDirectory::builtin() {
  static const HostDirectory Builtin = [] {
    builtin::DataFile File = builtin::vendorHostsFile();
    auto Parsed = parse(File.Text, File.Name);
    if (!Parsed) // The file is part of the build and tested; this is a bug.
      llvm::report_fatal_error(llvm::toString(Parsed.takeError()).c_str());
    return std::move(*Parsed);
  }();
  return Builtin;
}

llvm::Expected<HostDirectory> HostDirectory::parse(llvm::StringRef Text,
                                                   llvm::StringRef FileName) {
  llvm::Expected<YAML::Node> Root = parseYamlDocument(Text, FileName);
  if (!Root)
    return Root.takeError();
  YAML::Node Vendors = child((*Root), "vendors");
  if (!Vendors.IsMap())
    return makePolicyError(FileName, *Root, "expected a mapping 'vendors'");
  HostDirectory Result;
  std::map<std::string, std::string> Owner;
  for (const auto &Pair : Vendors) {
    KnownVendor V;
    V.Id = Pair.first.Scalar();
    const YAML::Node &Fields = Pair.second;
    if (!Fields.IsMap() || !isStringNode(child(Fields, "name")) ||
        !child(Fields, "hosts").IsSequence() || child(Fields, "hosts").size() == 0)
      return makePolicyError(FileName, Pair.first,
                             "vendor '" + V.Id + "' needs 'name' and 'hosts'");
    V.Name = child(Fields, "name").Scalar();
    if (child(Fields, "kind").IsDefined())
      V.Kind = child(Fields, "kind").Scalar();
    for (const YAML::Node &Host : child(Fields, "hosts")) {
      auto Pattern = HostPattern::parse(Host.Scalar());
      if (!Pattern)
        return makePolicyError(FileName, Host,
                               "invalid host pattern '" + Host.Scalar() + "'");
      auto [It, Inserted] = Owner.emplace(Pattern->text(), V.Id);
      if (!Inserted)
        return makePolicyError(FileName, Host,
                               "host pattern '" + Pattern->text() +
                                   "' is listed for both '" + It->second +
                                   "' and '" + V.Id + "'");
      Pattern->setLocation(locationOf(FileName, Host));
      V.Hosts.push_back(std::move(*Pattern));
    }
    if (Result.find(V.Id))
      return makePolicyError(FileName, Pair.first,
                             "duplicate vendor '" + V.Id + "'");
    Result.Vendors.push_back(std::move(V));
  }
  return Result;
}

const KnownVendor *HostDirectory::lookupHost(llvm::StringRef Host) const {
  if (isLoopbackHost(Host))
    return nullptr;
  const KnownVendor *Best = nullptr;
  unsigned BestSpecificity = 0;
  for (const KnownVendor &V : Vendors)
    for (const HostPattern &P : V.Hosts)
      if (P.matches(Host) && P.specificity() > BestSpecificity) {
        Best = &V;
        BestSpecificity = P.specificity();
      }
  return Best;
}

const KnownVendor *HostDirectory::find(llvm::StringRef Id) const {
  for (const KnownVendor &V : Vendors)
    if (V.Id == Id)
      return &V;
  return nullptr;
}

} // namespace policycheck
