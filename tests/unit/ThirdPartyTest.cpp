//===--- ThirdPartyTest.cpp - Vendored code is followed, never reported ---===//
//
// Code in a vendored folder of the project (third_party, thirdparty,
// 3rdparty, external, externals, vendor, deps) is the library's, as system
// headers are: a flow through it is followed and lands at the project's call.
//
//===----------------------------------------------------------------------===//
#include "EngineTestSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace policycheck;
using namespace policycheck::test;

namespace {

/// The findings of a project file that includes a helper header kept in
/// `ROOT/FOLDER/sdk/report.h`, on -I like a vendored library.
Findings withVendoredHeader(llvm::StringRef Folder) {
  llvm::SmallString<128> Root;
  if (llvm::sys::fs::createUniqueDirectory("policycheck-vendored", Root))
    return {"cannot make a folder"};
  llvm::SmallString<128> Dir(Root);
  llvm::sys::path::append(Dir, Folder, "sdk");
  llvm::sys::fs::create_directories(Dir);
  llvm::SmallString<128> Header(Dir);
  llvm::sys::path::append(Header, "report.h");
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Header, EC);
    // The sink is on the header's line 6; it knows what it logs (`email`).
    OS << "#pragma once\n#include <iostream>\n#include <string>\n\n\n"
          "inline void report(const std::string &email) { std::cerr << email << '\\n'; }\n";
  }
  llvm::SmallString<128> Include(Root);
  llvm::sys::path::append(Include, Folder);
  Findings Out = findingsFor(R"cpp(
#include <sdk/report.h>
void on_signup(const std::string& email) {
  report(email);
}
)cpp",
                             EngineTestPolicy, {"-I" + std::string(Include)});
  llvm::sys::fs::remove_directories(Root);
  return Out;
}

} // namespace

TEST(ThirdPartyTest, EveryVendoredFolderNameIsLibraryCode) {
  for (const char *Folder : {"third_party", "thirdparty", "3rdparty", "external",
                             "externals", "vendor", "deps"})
    EXPECT_EQ(withVendoredHeader(Folder),
              (Findings{"4: privacy-log-exposure user.contact.email log"}))
        << Folder;
}

TEST(ThirdPartyTest, TheProjectsOwnHeaderIsReportedInside) {
  // The project's own helper knows both what and where: the finding is at
  // its sink, in the header, and not again at the call.
  EXPECT_EQ(withVendoredHeader("include"),
            (Findings{"6: privacy-log-exposure user.contact.email log"}));
}
