//===--- PromisesTest.cpp - Hash strength and time-to-live ----------------===//
//
// The promises judged by how a call handles data, not only by where it goes:
// a category's `hash:` (how strong the hash stored is) and its `retention`
// (how long a Redis time-to-live or an expiry argument keeps it). Real
// OpenSSL, libsodium, crypt, zlib, Qt and hiredis headers.
//
//===----------------------------------------------------------------------===//
#include "EngineTestSupport.h"

using namespace policycheck;
using namespace policycheck::test;

namespace {

const char *HashPolicy = R"(version: 1
service: Test
categories:
  user.authorization.password: {storage: hashed, hash: password}
  user.authorization.credentials: {storage: hashed, hash: digest}
  user.contact.email: {storage: hashed}
code:
  transforms:
    - {function: "app::bcrypt_hash", result: hashed, strength: password}
    - {function: "app::opaque_hash", result: hashed}
)";

} // namespace

TEST(PromisesTest, LibraryHashesHaveTheirStrength) {
  // SHA-256 is a digest, not a password hash; MD5 is weak even for a
  // digest promise; libsodium's pwhash and PBKDF2 keep a password promise.
  EXPECT_EQ(findingsFor(R"cpp(
#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string>
void store(sqlite3_stmt* st, const std::string& password, const std::string& auth_token) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(password.data()), password.size(), d);
  sqlite3_bind_blob(st, 1, d, sizeof d, SQLITE_TRANSIENT);
  char out[crypto_pwhash_STRBYTES];
  crypto_pwhash_str(out, password.c_str(), password.size(), 2, 1 << 26);
  sqlite3_bind_text(st, 2, out, -1, SQLITE_TRANSIENT);
  unsigned char k[32], salt[16] = {0};
  PKCS5_PBKDF2_HMAC(password.c_str(), password.size(), salt, sizeof salt, 310000, EVP_sha256(), sizeof k, k);
  sqlite3_bind_blob(st, 3, k, sizeof k, SQLITE_TRANSIENT);
  unsigned char m[MD5_DIGEST_LENGTH];
  MD5(reinterpret_cast<const unsigned char*>(auth_token.data()), auth_token.size(), m);
  sqlite3_bind_blob(st, 4, m, sizeof m, SQLITE_TRANSIENT);
  unsigned char t[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(auth_token.data()), auth_token.size(), t);
  sqlite3_bind_blob(st, 5, t, sizeof t, SQLITE_TRANSIENT);
}
)cpp",
                        HashPolicy),
            (Findings{"11: privacy-storage-protection user.authorization.password storage",
                      "20: privacy-storage-protection user.authorization.credentials storage"}));
}

TEST(PromisesTest, TheAlgorithmArgumentSaysHowStrong) {
  // EVP_Digest and HMAC take the algorithm as an argument, directly or
  // through a variable; crypt's setting names its scheme by its prefix, made
  // by crypt_gensalt or written out.
  EXPECT_EQ(findingsFor(R"cpp(
#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>
#include <string>
void store(sqlite3_stmt* st, const std::string& password, const std::string& auth_token) {
  unsigned char a[EVP_MAX_MD_SIZE], b[EVP_MAX_MD_SIZE], c[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(auth_token.data(), auth_token.size(), a, &n, EVP_sha256(), nullptr);
  sqlite3_bind_blob(st, 1, a, n, SQLITE_TRANSIENT);
  const EVP_MD* md = EVP_sha1();
  EVP_Digest(auth_token.data(), auth_token.size(), b, &n, md, nullptr);
  sqlite3_bind_blob(st, 2, b, n, SQLITE_TRANSIENT);
  HMAC(EVP_md5(), "k", 1, reinterpret_cast<const unsigned char*>(auth_token.data()), auth_token.size(), c, &n);
  sqlite3_bind_blob(st, 3, c, n, SQLITE_TRANSIENT);
  const char* good = crypt(password.c_str(), crypt_gensalt("$2b$", 12, nullptr, 0));
  sqlite3_bind_text(st, 4, good, -1, SQLITE_TRANSIENT);
  const char* old = crypt(password.c_str(), "$1$abcdefgh");
  sqlite3_bind_text(st, 5, old, -1, SQLITE_TRANSIENT);
}
)cpp",
                        HashPolicy),
            (Findings{"14: privacy-storage-protection user.authorization.credentials storage",
                      "16: privacy-storage-protection user.authorization.credentials storage",
                      "20: privacy-storage-protection user.authorization.password storage"}));
}

TEST(PromisesTest, UnknownStrengthKeepsThePromiseOfAnyHash) {
  // A streaming digest fixes its algorithm on a context the models do not
  // follow; a policy transform without `strength`; `hash: any` (email): no
  // strength is judged. CRC and std::hash are hashes all the same.
  EXPECT_EQ(findingsFor(R"cpp(
#include <openssl/evp.h>
#include <sqlite3.h>
#include <zlib.h>
#include <functional>
#include <string>
namespace app { std::string opaque_hash(const std::string&); }
void store(sqlite3_stmt* st, const std::string& password, const std::string& email) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_DigestInit_ex(ctx, EVP_md5(), nullptr);
  EVP_DigestUpdate(ctx, password.data(), password.size());
  EVP_DigestFinal_ex(ctx, d, &n);
  sqlite3_bind_blob(st, 1, d, n, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, app::opaque_hash(password).c_str(), -1, SQLITE_TRANSIENT);
  unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(email.data()), email.size());
  sqlite3_bind_int64(st, 3, crc);
  size_t h = std::hash<std::string>{}(email);
  sqlite3_bind_int64(st, 4, h);
  sqlite3_bind_int64(st, 5, std::hash<std::string>{}(password));
}
)cpp",
                        HashPolicy),
            (Findings{"21: privacy-storage-protection user.authorization.password storage"}));
}

TEST(PromisesTest, PolicyModelsAnnotationsAndWrappersCarryTheStrength) {
  // `code: transforms` with a strength, an annotated digest, and the code
  // base's own wrapper over SHA-256, whose summary hands the strength to its
  // caller: the finding is at the caller's store.
  EXPECT_EQ(findingsFor(R"cpp(
#include "policycheck/annotations.h"
#include <openssl/sha.h>
#include <sqlite3.h>
#include <string>
namespace app {
std::string bcrypt_hash(const std::string&);
PRIVACY_TRANSFORM_DIGEST std::string blake2(const std::string&);
std::string sha256_hex(const std::string& in) {
  unsigned char d[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(in.data()), in.size(), d);
  return std::string(reinterpret_cast<const char*>(d), sizeof d);
}
}
void store(sqlite3_stmt* st, const std::string& password) {
  sqlite3_bind_text(st, 1, app::bcrypt_hash(password).c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 2, app::blake2(password).c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 3, app::sha256_hex(password).c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 4, app::bcrypt_hash(app::sha256_hex(password)).c_str(), -1, SQLITE_TRANSIENT);
}
)cpp",
                        HashPolicy),
            (Findings{"17: privacy-storage-protection user.authorization.password storage",
                      "18: privacy-storage-protection user.authorization.password storage"}));
}

TEST(PromisesTest, QtHashesNameTheirAlgorithm) {
  EXPECT_EQ(findingsFor(R"cpp(
#include <QtCore/QCryptographicHash>
#include <QtNetwork/QPasswordDigestor>
#include <QtCore/QSettings>
void f(const QString& password, const QString& auth_token, QSettings& settings) {
  settings.setValue("pw", QCryptographicHash::hash(password.toUtf8(), QCryptographicHash::Sha256));
  settings.setValue("pw2", QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), "salt", 100000, 32));
  settings.setValue("t", QCryptographicHash::hash(auth_token.toUtf8(), QCryptographicHash::Md5));
  settings.setValue("t2", QCryptographicHash::hash(auth_token.toUtf8(), QCryptographicHash::Sha3_256));
}
)cpp",
                        HashPolicy, qtArgs()),
            (Findings{"6: privacy-storage-protection user.authorization.password storage",
                      "8: privacy-storage-protection user.authorization.credentials storage"}));
}

namespace {

const char *TtlPolicy = R"(version: 1
service: Test
categories:
  user.authorization.credentials: {retention: 60min}
  user.contact.email: {retention: account}
)";

} // namespace

TEST(PromisesTest, RedisTimeToLiveIsARetention) {
  // SETEX, SET ... EX / PX and a later EXPIRE on the key stored: the
  // time-to-live longer than the policy's 60 minutes is a finding at that
  // command; equal, shorter, unknown, absolute and `account` are not.
  EXPECT_EQ(findingsFor(R"cpp(
#include <hiredis/hiredis.h>
#include <chrono>
#include <string>
constexpr int kDaySeconds = 24 * 3600;
constexpr std::chrono::minutes kHour(60);
void f(redisContext* c, const std::string& auth_token, const std::string& email,
       const std::string& key, int ttl) {
  redisCommand(c, "SETEX token:%s %d %s", key.c_str(), kDaySeconds, auth_token.c_str());
  redisCommand(c, "SETEX token:%s 3600 %s", key.c_str(), auth_token.c_str());
  redisCommand(c, "SET token:%s %s EX %lld", key.c_str(), auth_token.c_str(),
               static_cast<long long>(std::chrono::seconds(kHour).count() * 2));
  redisCommand(c, "set token:%s %s px 60000", key.c_str(), auth_token.c_str());
  redisCommand(c, "SET t2:%s %s", key.c_str(), auth_token.c_str());
  redisCommand(c, "EXPIRE t2:%s 86400", key.c_str());
  redisCommand(c, "EXPIRE other:%s 86400", key.c_str());
  redisCommand(c, "SETEX token:%s %d %s", key.c_str(), ttl, auth_token.c_str());
  redisCommand(c, "SET token:%s %s EXAT 1999999999", key.c_str(), auth_token.c_str());
  redisCommand(c, "SETEX mail:%s 86400 %s", key.c_str(), email.c_str());
}
)cpp",
                        TtlPolicy),
            (Findings{"9: privacy-retention user.authorization.credentials storage",
                      "11: privacy-retention user.authorization.credentials storage",
                      "15: privacy-retention user.authorization.credentials storage"}));
}

TEST(PromisesTest, TimeToLiveThroughAWrapperIsJudgedAtItsCaller) {
  // The wrapper stores its parameter for a day; its caller passes the token.
  EXPECT_EQ(findingsFor(R"cpp(
#include <hiredis/hiredis.h>
#include <string>
void cache_for_a_day(redisContext* c, const std::string& key, const std::string& value) {
  redisCommand(c, "SETEX %s 86400 %s", key.c_str(), value.c_str());
}
void f(redisContext* c, const std::string& auth_token) {
  cache_for_a_day(c, "t", auth_token);
}
)cpp",
                        TtlPolicy),
            (Findings{"8: privacy-retention user.authorization.credentials storage"}));
}
