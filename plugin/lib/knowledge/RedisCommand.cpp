//===--- RedisCommand.cpp - How long a Redis command keeps a value --------===//
#include "policycheck/RedisCommand.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace policycheck {

static std::optional<uint64_t> number(const std::string &Word) {
  uint64_t N = 0;
  if (llvm::StringRef(Word).getAsInteger(10, N))
    return std::nullopt;
  return N;
}

static std::optional<RedisExpiry> expiry(const std::string &Key,
                                         const std::string &Count,
                                         uint64_t UnitMillis, bool StoresValue) {
  std::optional<uint64_t> N = number(Count);
  if (!N)
    return std::nullopt;
  return RedisExpiry{*N * UnitMillis, Key, StoresValue};
}

std::optional<RedisExpiry> redisExpiry(llvm::ArrayRef<std::string> Words) {
  if (Words.size() < 3)
    return std::nullopt;
  const std::string Command = llvm::StringRef(Words[0]).upper();
  const std::string &Key = Words[1];
  if (Command == "SETEX" && Words.size() >= 4)
    return expiry(Key, Words[2], 1000, true);
  if (Command == "PSETEX" && Words.size() >= 4)
    return expiry(Key, Words[2], 1, true);
  if (Command == "EXPIRE")
    return expiry(Key, Words[2], 1000, false);
  if (Command == "PEXPIRE")
    return expiry(Key, Words[2], 1, false);
  if (Command == "SET" || Command == "GETEX") {
    // SET key value [NX|XX] [GET] [EX s|PX ms|EXAT|PXAT|KEEPTTL]
    for (size_t I = Command == "SET" ? 3 : 2; I + 1 < Words.size(); ++I) {
      const std::string Option = llvm::StringRef(Words[I]).upper();
      if (Option == "EX")
        return expiry(Key, Words[I + 1], 1000, Command == "SET");
      if (Option == "PX")
        return expiry(Key, Words[I + 1], 1, Command == "SET");
    }
  }
  return std::nullopt;
}

std::optional<std::string> redisStoredKey(llvm::ArrayRef<std::string> Words) {
  static const llvm::StringRef Storing[] = {
      "SET",   "SETEX", "PSETEX", "SETNX", "MSET",  "HSET",  "HMSET", "HSETNX",
      "LPUSH", "RPUSH", "SADD",   "ZADD",  "XADD",  "APPEND", "GETSET"};
  if (Words.size() < 3)
    return std::nullopt;
  if (!llvm::is_contained(Storing, llvm::StringRef(Words[0]).upper()))
    return std::nullopt;
  return Words[1];
}

} // namespace policycheck
