#include "common/uuid.hpp"

#include <openssl/rand.h>

#include <array>
#include <cctype>
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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
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

std::optional<std::string> parse_uuid(std::string_view text) {
  if (text.starts_with("urn:uuid:")) text.remove_prefix(9);
  if (text.size() >= 2 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, text.size() - 2);
  }
  std::array<unsigned char, 16> b{};
  size_t nibble = 0;
  if (text.size() == 36) {
    for (size_t i = 0; i < 36; ++i) {
      bool dash_slot = (i == 8 || i == 13 || i == 18 || i == 23);
      if (dash_slot) {
        if (text[i] != '-') return std::nullopt;
        continue;
      }
      int v = hex_value(text[i]);
      if (v < 0) return std::nullopt;
      b[nibble / 2] = static_cast<unsigned char>(b[nibble / 2] | (v << ((nibble % 2) ? 0 : 4)));
      ++nibble;
    }
  } else if (text.size() == 32) {
    for (char c : text) {
      int v = hex_value(c);
      if (v < 0) return std::nullopt;
      b[nibble / 2] = static_cast<unsigned char>(b[nibble / 2] | (v << ((nibble % 2) ? 0 : 4)));
      ++nibble;
    }
  } else {
    return std::nullopt;
  }
  return format_uuid(b);
}

}  // namespace lfkit
