#include "auth/jwt.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "auth/encoding.hpp"

namespace lfkit::auth {
namespace {

const std::string& encoded_header() {
  static const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  return header;
}

std::optional<nlohmann::json> decode_segment(std::string_view segment) {
  auto bytes = base64url_decode(segment);
  if (!bytes) return std::nullopt;
  auto json = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  return json;
}

}  // namespace

std::string JwtCodec::mac(std::string_view signing_input) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), secret_.data(), static_cast<int>(secret_.size()),
            reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(), out,
            &len)) {
    throw std::runtime_error("HMAC-SHA256 failed");  // broken invariant: OpenSSL unusable
  }
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string JwtCodec::sign(const TokenClaims& claims) const {
  nlohmann::json payload = {
      {"sub", claims.subject}, {"type", claims.type}, {"exp", claims.expires_at}};
  std::string input = encoded_header() + "." + base64url_encode(payload.dump());
  return input + "." + base64url_encode(mac(input));
}

std::string JwtCodec::issue(std::string_view subject, std::string_view type,
                            std::chrono::seconds lifetime, SystemTime now) const {
  return sign({std::string(subject), std::string(type), unix_seconds(now) + lifetime.count()});
}

Expected<TokenClaims, JwtError> JwtCodec::verify(std::string_view token,
                                                 std::string_view expected_type,
                                                 SystemTime now) const {
  size_t first = token.find('.');
  size_t second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return unexpected(JwtError::invalid);
  }
  auto header = decode_segment(token.substr(0, first));
  if (!header || header->value("alg", "") != "HS256") return unexpected(JwtError::invalid);

  auto signature = base64url_decode(token.substr(second + 1));
  if (!signature || !constant_time_equals(*signature, mac(token.substr(0, second)))) {
    return unexpected(JwtError::invalid);
  }
  auto payload = decode_segment(token.substr(first + 1, second - first - 1));
  if (!payload) return unexpected(JwtError::invalid);

  const auto& p = *payload;
  TokenClaims claims;
  if (p.contains("exp")) {
    if (!p["exp"].is_number()) return unexpected(JwtError::invalid);
    claims.expires_at = p["exp"].get<int64_t>();
    if (claims.expires_at <= unix_seconds(now)) return unexpected(JwtError::expired);
  }
  if (!p.contains("sub") || !p["sub"].is_string()) return unexpected(JwtError::invalid);
  claims.subject = p["sub"].get<std::string>();
  if (p.contains("type") && p["type"].is_string()) claims.type = p["type"].get<std::string>();
  if (claims.type != expected_type) return unexpected(JwtError::wrong_type);
  return claims;
}

}  // namespace lfkit::auth
