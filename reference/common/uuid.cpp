#include "common/uuid.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace lfkit {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string format_uuid(const std::array<unsigned char, 16>& b) {
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0xF]);
  }
  return out;
}

}  // namespace

std::string new_uuid() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");  // broken invariant: no entropy
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  return format_uuid(b);
}

}  // namespace lfkit
