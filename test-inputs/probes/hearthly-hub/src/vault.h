#pragma once
// Envelope encryption for secrets at rest (vault.cpp, KMS-backed). The policy's
// `code:` section models wrap() as an encrypting transform.
#include <string>

namespace hearthly::vault {

// Returns "v1:<key id>:<base64 ciphertext>".
std::string wrap(const std::string& plaintext);
std::string unwrap(const std::string& wrapped);

}  // namespace hearthly::vault
