#include "common/uuid.hpp"

#include <openssl/rand.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace lfkit {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string format_uuid(const std::array<unsigned char, 16>& b) {
  char text[36];
  size_t at = 0;
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text[at++] = '-';
    text[at++] = kHex[b[i] >> 4];
    text[at++] = kHex[b[i] & 0xF];
  }
  return std::string(text, sizeof text);  // one small-string-sized allocation, no growth checks
}

// RAND_bytes takes a process-wide lock on every call; runs mint several ids each, so each
// thread draws a block of randomness at a time and hands it out 16 bytes per id. The bytes
// are the same CSPRNG output, just fetched in bulk.
std::array<unsigned char, 16> random_bytes() {
  constexpr size_t kBlock = 4096;
  thread_local std::array<unsigned char, kBlock> pool{};
  thread_local size_t used = kBlock;
  if (used == kBlock) {
    if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1) {
      throw std::runtime_error("RAND_bytes failed");  // broken invariant: no entropy
    }
    used = 0;
  }
  std::array<unsigned char, 16> b{};
  std::memcpy(b.data(), pool.data() + used, b.size());
  std::memset(pool.data() + used, 0, b.size());  // handed-out bytes do not linger
  used += b.size();
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
