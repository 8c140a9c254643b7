#include "auth/api_key.hpp"

#include <openssl/sha.h>

#include "auth/encoding.hpp"

namespace lfkit::auth {

std::string generate_api_key() {
  return "sk-" + base64url_encode(random_bytes(32));
}

std::string hash_api_key(std::string_view api_key) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(api_key.data()), api_key.size(), digest);
  return hex_encode(std::string_view(reinterpret_cast<char*>(digest), sizeof digest));
}

std::string mask_api_key(std::string_view api_key) {
  constexpr size_t kVisible = 8;
  if (api_key.size() <= kVisible) return std::string(api_key);
  return std::string(api_key.substr(0, kVisible)) + std::string(api_key.size() - kVisible, '*');
}

}  // namespace lfkit::auth
