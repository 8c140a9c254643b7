// Byte encodings and randomness shared by the auth helpers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lfkit::auth {

// RFC 4648 §5 alphabet, no padding (JWT segments, token_urlsafe).
std::string base64url_encode(std::string_view bytes);
// Accepts unpadded input only; nullopt on any character outside the alphabet.
std::optional<std::string> base64url_decode(std::string_view text);

// Standard alphabet with padding.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

std::string hex_encode(std::string_view bytes);

// Lowercase hex of the SHA-256 digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

// Cryptographically secure random bytes; throws only if the RNG is broken.
std::string random_bytes(size_t count);

// Equal-length comparison in time independent of the content.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace lfkit::auth
