// Password hashing: PBKDF2-HMAC-SHA256 with a random per-password salt, encoded as
// "pbkdf2_sha256$<iterations>$<salt base64>$<hash base64>" so the work factor can change later.
#pragma once

#include <string>
#include <string_view>

namespace lfkit::auth {

inline constexpr int kDefaultPasswordIterations = 260000;

// `iterations` is configurable so tests can run fast; production keeps the default.
std::string hash_password(std::string_view password, int iterations = kDefaultPasswordIterations);

// Constant-time check; false for a wrong password or an unparsable encoding.
bool verify_password(std::string_view password, std::string_view encoded);

}  // namespace lfkit::auth
