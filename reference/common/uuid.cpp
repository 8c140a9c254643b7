#include "common/uuid.hpp"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
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

std::array<unsigned char, 16> random_bytes() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");  // broken invariant: no entropy
  }
  return b;
}

std::string with_version(std::array<unsigned char, 16> b, unsigned version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC variant
  return format_uuid(b);
}

}  // namespace

std::string new_uuid() {
  return with_version(random_bytes(), 4);
}

std::string new_time_ordered_uuid() {
  auto b = random_bytes();
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto millis =
      static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(millis >> (40 - 8 * i));
  return with_version(b, 7);
}

}  // namespace lfkit
