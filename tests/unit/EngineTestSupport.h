#ifndef POLICYCHECK_TESTS_ENGINETESTSUPPORT_H
#define POLICYCHECK_TESTS_ENGINETESTSUPPORT_H

#include "policycheck/Analysis.h"
#include "policycheck/FindingRecord.h"
#include "policycheck/PolicyLoader.h"

#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace policycheck::test {

/// A small policy most engine tests share: email and password declared,
/// PostHog receives behaviour, card numbers never collected, logs may hold
/// user ids.
inline const char *EngineTestPolicy = R"(version: 1
service: Test
first_party:
  hosts: [example.com, "*.example.com"]
  logs:
    allowed: [user.unique_id, system.operations]
categories:
  user.contact.email: {}
  user.unique_id: {}
  user.behavior: {}
  user.device.ip_address: {}
  user.authorization.password: {storage: hashed}
  user.authorization.credentials: {storage: encrypted}
  user.content.audio:
    identifiers: [audio, wav]
    storage: none
    retention: 30d
not_collected: [user.financial.credit_card]
vendors:
  posthog:
    name: PostHog
    hosts: [app.posthog.com, "*.posthog.com"]
    receives: [user.behavior, user.unique_id]
  resend:
    name: Resend
    hosts: [api.resend.com]
    receives: [user.contact.email]
)";

/// Analyses \p Code (C++17, with the system's real library headers) against
/// \p PolicyText; each finding as `LINE: check category destination`.
/// \p ExtraArgs are added to the compiler's arguments (include directories,
/// `-fPIC` for Qt).
inline std::vector<std::string>
findingsFor(llvm::StringRef Code, llvm::StringRef PolicyText = EngineTestPolicy,
            const std::vector<std::string> &ExtraArgs = {}) {
  auto Loaded = parsePolicy(PolicyText, "privacy-policy.yaml");
  if (!Loaded) {
    ADD_FAILURE() << llvm::toString(Loaded.takeError());
    return {};
  }
  Knowledge K(*Loaded);
  std::vector<std::string> Args = {
      "-std=c++17", "-resource-dir=" POLICYCHECK_CLANG_RESOURCE_DIR,
      "-I/usr/include/postgresql", "-I" POLICYCHECK_SOURCE_DIR "/plugin/include",
      "-Wno-everything"};
  Args.insert(Args.end(), ExtraArgs.begin(), ExtraArgs.end());
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(Code, Args, "input.cpp");
  if (!AST || AST->getDiagnostics().hasErrorOccurred()) {
    ADD_FAILURE() << "the test code does not compile";
    return {};
  }
  AnalysisResult Result = analyzeTranslationUnit(AST->getASTContext(), K);
  std::vector<std::string> Lines;
  for (const AnalysisError &E : Result.Errors)
    Lines.push_back(std::to_string(AST->getSourceManager().getPresumedLineNumber(
                        AST->getSourceManager().getExpansionLoc(E.Location))) +
                    ": error: " + E.Message);
  for (const Finding &F : Result.Findings) {
    FindingRecord R = toRecord(F, AST->getSourceManager());
    Lines.push_back(std::to_string(R.Position.Line) + ": " +
                    checkInfo(R.Check).Name.str() + " " +
                    (R.Category.empty() ? "-" : R.Category) + " " +
                    R.Destination);
  }
  return Lines;
}

using Findings = std::vector<std::string>;

/// The directory `Root/<multiarch triple>/Suffix` (Debian's per-architecture
/// headers: /usr/include/x86_64-linux-gnu/qt5), whatever the architecture.
inline std::string multiarchDir(llvm::StringRef Root, llvm::StringRef Suffix) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Root, EC), End; It != End && !EC;
       It.increment(EC)) {
    std::string Candidate = It->path() + "/" + Suffix.str();
    if (llvm::StringRef(It->path()).contains("-linux-") &&
        llvm::sys::fs::is_directory(Candidate))
      return Candidate;
  }
  return (Root + "/" + Suffix).str();
}

/// Qt 5 as CMake's Qt5:: targets pass it: system include directories (Qt's
/// own inline code is library code) and -fPIC, which Qt's headers demand.
inline const std::vector<std::string> &qtArgs() {
  static const std::vector<std::string> Args = [] {
    std::string Qt = multiarchDir("/usr/include", "qt5");
    return std::vector<std::string>{"-fPIC",
                                    "-isystem", Qt,
                                    "-isystem", Qt + "/QtCore",
                                    "-isystem", Qt + "/QtNetwork",
                                    "-isystem", Qt + "/QtSql",
                                    "-isystem", Qt + "/QtXml"};
  }();
  return Args;
}


} // namespace policycheck::test

#endif
