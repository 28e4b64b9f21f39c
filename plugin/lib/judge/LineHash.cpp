//===--- LineHash.cpp - GitHub code scanning's line hashes ----------------===//
#include "policycheck/LineHash.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <array>
#include <cstdint>
#include <map>

namespace policycheck {

std::vector<std::string> lineHashes(llvm::StringRef Text) {
  constexpr unsigned Window = 100;
  constexpr uint64_t Base = 37;
  constexpr uint32_t EndOfFile = 0xFFFF;
  // Base^Window, what the character leaving the window weighs.
  uint64_t Leaving = 1;
  for (unsigned I = 0; I < Window; ++I)
    Leaving *= Base;

  // The upload reads the file as UTF-8 into UTF-16 code units; a file that
  // is not valid UTF-8 is taken byte by byte.
  llvm::SmallVector<llvm::UTF16, 0> Units;
  if (!llvm::convertUTF8ToUTF16String(Text, Units)) {
    Units.clear();
    for (unsigned char C : Text)
      Units.push_back(C);
  }

  std::array<uint32_t, Window> Characters{};
  std::array<int, Window> LineAt; // the line starting at that position, or -1
  LineAt.fill(-1);
  uint64_t Hash = 0;
  unsigned At = 0;
  int Line = 0;
  bool LineStart = true, AfterCR = false;
  std::map<std::string, unsigned> Seen;
  std::vector<std::string> Out;

  auto Emit = [&] {
    std::string Hex;
    llvm::raw_string_ostream(Hex) << llvm::format_hex_no_prefix(Hash, 1);
    std::string Value = Hex + ":" + std::to_string(++Seen[Hex]);
    unsigned Index = unsigned(LineAt[At] - 1);
    if (Out.size() <= Index)
      Out.resize(Index + 1);
    Out[Index] = Value;
    LineAt[At] = -1;
  };
  auto Push = [&](uint32_t C) {
    uint32_t Old = Characters[At];
    Characters[At] = C;
    Hash = Base * Hash + C - Leaving * Old;
    At = (At + 1) % Window;
  };
  auto Read = [&](uint32_t C) {
    if (C == ' ' || C == '\t' || (AfterCR && C == '\n')) {
      AfterCR = false;
      return;
    }
    AfterCR = C == '\r';
    if (AfterCR)
      C = '\n';
    if (LineAt[At] != -1)
      Emit();
    if (LineStart) {
      LineStart = false;
      LineAt[At] = ++Line;
    }
    if (C == '\n')
      LineStart = true;
    Push(C);
  };
  for (llvm::UTF16 U : Units)
    Read(U);
  Read(EndOfFile);
  for (unsigned I = 0; I < Window; ++I) {
    if (LineAt[At] != -1)
      Emit();
    Push(0);
  }
  return Out;
}

} // namespace policycheck
