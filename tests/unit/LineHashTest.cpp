//===--- LineHashTest.cpp - GitHub code scanning's line hashes ------------===//
//
// The expected values are what GitHub's codeql-action upload computes for
// these texts (its fingerprinting of SARIF results that carry no
// primaryLocationLineHash), taken once from its algorithm and written down
// here: a SARIF file policycheck uploads through the API must match alerts
// as one uploaded through the action would.
//
//===----------------------------------------------------------------------===//
#include "policycheck/LineHash.h"

#include <gtest/gtest.h>

namespace policycheck {
namespace {

using Hashes = std::vector<std::string>;

TEST(LineHashTest, CarriageReturnsAndTabsAreTheUploadsToo) {
  EXPECT_EQ(lineHashes("int main() {\r\n\treturn 0;\r\n}\r\n"),
            (Hashes{"550fa3eaed3e1fa1:1", "1faea435564ce3cb:1", "32dce9ccfdbc9d3e:1",
                    "c129715d7a2bc9a3:1"}));
}

TEST(LineHashTest, EachLineHashesTheHundredCharactersFromItsStart) {
  // `x` and `  x` differ by what follows them, not by their spaces; the
  // empty line after the last newline has a hash of its own; a character
  // beyond ASCII counts as its UTF-16 code unit.
  EXPECT_EQ(lineHashes("x\n  x\nx\n\ncaf\xc3\xa9();\n"),
            (Hashes{"3d176108d7efefdc:1", "6223cfde467b2d3a:1", "81a0833a6d1658e8:1",
                    "e37bab04e0e2ee66:1", "e8bf91ae81abe254:1", "c129715d7a2bc9a3:1"}));
  EXPECT_EQ(lineHashes("no newline at end"), (Hashes{"2b2a3b070f8338d2:1"}));
}

TEST(LineHashTest, AWindowSeenBeforeIsCounted) {
  // Lines alike and longer than the window hash alike: the second is `:2`.
  std::string Text;
  for (int I = 0; I < 3; ++I)
    Text += std::string(120, 'a') + "\n";
  EXPECT_EQ(lineHashes(Text),
            (Hashes{"871f6af4d0d4dd7c:1", "871f6af4d0d4dd7c:2", "871f6af4d0d4dd7c:3",
                    "c129715d7a2bc9a3:1"}));
}

} // namespace
} // namespace policycheck
