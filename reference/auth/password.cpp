#include "auth/password.hpp"

#include <openssl/evp.h>

#include <charconv>
#include <stdexcept>
#include <vector>

#include "auth/encoding.hpp"

namespace lfkit::auth {
namespace {

constexpr std::string_view kScheme = "pbkdf2_sha256";
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000;  // refuse encodings that would stall the server

std::string derive(std::string_view password, std::string_view salt, int iterations,
                   size_t length) {
  std::string out(length, '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(length),
                        reinterpret_cast<unsigned char*>(out.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");  // broken invariant: OpenSSL unusable
  }
  return out;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(sep, start);
    parts.push_back(text.substr(start, pos - start));
    if (pos == std::string_view::npos) return parts;
    start = pos + 1;
  }
}

}  // namespace

std::string hash_password(std::string_view password, int iterations) {
  if (iterations < 1) throw std::invalid_argument("iterations must be positive");
  std::string salt = random_bytes(kSaltBytes);
  std::string hash = derive(password, salt, iterations, kHashBytes);
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64_encode(salt) + "$" +
         base64_encode(hash);
}

bool verify_password(std::string_view password, std::string_view encoded) {
  auto parts = split(encoded, '$');
  if (parts.size() != 4 || parts[0] != kScheme) return false;
  int iterations = 0;
  auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() || iterations < 1 ||
      iterations > kMaxIterations) {
    return false;
  }
  auto salt = base64_decode(parts[2]);
  auto expected = base64_decode(parts[3]);
  if (!salt || !expected || expected->empty()) return false;
  return constant_time_equals(derive(password, *salt, iterations, expected->size()), *expected);
}

}  // namespace lfkit::auth
