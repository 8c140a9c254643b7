#include "auth/api_key.hpp"

#include "auth/encoding.hpp"

namespace lfkit::auth {

std::string generate_api_key() {
  return "sk-" + base64url_encode(random_bytes(32));
}

std::string hash_api_key(std::string_view api_key) {
  return sha256_hex(api_key);
}

std::string mask_api_key(std::string_view api_key) {
  constexpr size_t kVisible = 8;
  if (api_key.size() <= kVisible) return std::string(api_key);
  return std::string(api_key.substr(0, kVisible)) + std::string(api_key.size() - kVisible, '*');
}

}  // namespace lfkit::auth
