// Hand-made JWTs for the auth suite: forged (unknown key), tampered (a real
// token with a changed signature), unsigned (alg "none") and, when the
// target's signing secret is known, correctly signed but expired.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace lfkit::conformance {

std::string base64url(std::string_view bytes);
// HS256 token over `claims` with `secret`.
std::string sign_hs256(const nlohmann::json& claims, std::string_view secret);
// The same token with its signature's last characters changed.
std::string tamper_signature(std::string_view token);
// header {"alg":"none"} + claims + empty signature.
std::string unsigned_token(const nlohmann::json& claims);
// The target's JWT secret from LFKIT_CONFORMANCE_JWT_SECRET, if set.
std::optional<std::string> known_jwt_secret();

}  // namespace lfkit::conformance
