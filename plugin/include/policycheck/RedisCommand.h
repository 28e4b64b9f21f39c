//===--- RedisCommand.h - How long a Redis command keeps a value -*- C++ -*-===//
//
// A Redis command, as hiredis's printf-style format gives it, says how long
// the value it stores is kept: `SETEX key 3600 value`, `SET key value EX 60`,
// `PSETEX`, `GETEX ... PX`, or a later `EXPIRE key 3600` on a key stored
// before. That time-to-live is a retention of what is stored (contract
// section 4, privacy-retention).
//
//===----------------------------------------------------------------------===//
#ifndef POLICYCHECK_REDISCOMMAND_H
#define POLICYCHECK_REDISCOMMAND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace policycheck {

struct RedisExpiry {
  uint64_t Millis = 0;
  /// The key the time-to-live applies to, as the command spells it.
  std::string Key;
  /// The command stores a value with it (`SETEX`); false for `EXPIRE`,
  /// which applies to what an earlier command stored under the key.
  bool StoresValue = true;
};

/// The expiry a command's words give, or none: no expiry, an expiry whose
/// time is known only at run time (a word `{?}`), or an absolute one
/// (`EXAT`, `PXAT`, `EXPIREAT`), which says nothing of a length.
std::optional<RedisExpiry> redisExpiry(llvm::ArrayRef<std::string> Words);

/// The key a storing command writes (`SET key ...`, `HSET key ...`), or
/// none for a command that stores nothing or names no key.
std::optional<std::string> redisStoredKey(llvm::ArrayRef<std::string> Words);

} // namespace policycheck

#endif
