// Encryption at rest for variable values: AES-256-GCM under a key derived from the
// server secret. Output is base64(nonce || ciphertext || tag).
#pragma once

#include <string>
#include <string_view>

#include "common/expected.hpp"

namespace lfkit::auth {

enum class DecryptError {
  malformed,  // not base64 or too short to hold nonce and tag
  rejected,   // authentication failed: tampered, truncated or another key
};

class SecretBox {
 public:
  explicit SecretBox(std::string_view server_secret);

  std::string encrypt(std::string_view plaintext) const;
  Expected<std::string, DecryptError> decrypt(std::string_view encoded) const;

 private:
  std::string key_;  // 32 bytes
};

}  // namespace lfkit::auth
