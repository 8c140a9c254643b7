#include "conformance/suites/jwt_tokens.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdlib>

namespace lfkit::conformance {

std::string base64url(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const auto n = (static_cast<unsigned char>(bytes[i]) << 16) |
                   (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                   static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::string sign_hs256(const nlohmann::json& claims, std::string_view secret) {
  const std::string input =
      base64url(R"({"alg":"HS256","typ":"JWT"})") + "." + base64url(claims.dump());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return input + "." + base64url({reinterpret_cast<const char*>(mac), length});
}

std::string tamper_signature(std::string_view token) {
  std::string out(token);
  const auto dot = out.rfind('.');
  if (dot == std::string::npos || dot + 4 > out.size()) return out + "x";
  // Change a character in the middle: the last one may only carry padding bits.
  auto& c = out[dot + 2];
  c = c == 'A' ? 'B' : 'A';
  return out;
}

std::string unsigned_token(const nlohmann::json& claims) {
  return base64url(R"({"alg":"none","typ":"JWT"})") + "." + base64url(claims.dump()) + ".";
}

std::optional<std::string> known_jwt_secret() {
  const char* secret = std::getenv("LFKIT_CONFORMANCE_JWT_SECRET");
  if (!secret || !*secret) return std::nullopt;
  return std::string(secret);
}

}  // namespace lfkit::conformance
