// HS256 JSON Web Tokens with Langflow's claims: {"sub": user id, "type": access|refresh, "exp"}.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "common/expected.hpp"

namespace lfkit::auth {

inline constexpr std::string_view kAccessToken = "access";
inline constexpr std::string_view kRefreshToken = "refresh";

struct TokenClaims {
  std::string subject;     // "sub": the user's id
  std::string type;        // "type": "access" or "refresh"
  int64_t expires_at = 0;  // "exp": unix seconds
};

// Why a token was refused; the HTTP layer maps each to its upstream detail text.
enum class JwtError {
  invalid,     // malformed, wrong algorithm, bad signature, missing claims -> "Could not validate
               // credentials"
  expired,     // signature fine but exp has passed -> "Token has expired."
  wrong_type,  // valid but not the expected type -> "Invalid token type. Expected access token."
};

class JwtCodec {
 public:
  explicit JwtCodec(std::string secret) : secret_(std::move(secret)) {}

  std::string sign(const TokenClaims& claims) const;
  // Convenience: claims expiring `lifetime` after `now`.
  std::string issue(std::string_view subject, std::string_view type, std::chrono::seconds lifetime,
                    SystemTime now = std::chrono::system_clock::now()) const;

  // Checks format, algorithm, signature, expiry (in that order), then the type.
  Expected<TokenClaims, JwtError> verify(std::string_view token, std::string_view expected_type,
                                         SystemTime now = std::chrono::system_clock::now()) const;

 private:
  std::string mac(std::string_view signing_input) const;
  std::string secret_;
};

}  // namespace lfkit::auth
