#include "handlers/monitor/virtual_flow_id.hpp"

#include <openssl/sha.h>

#include <array>

namespace lfkit::handlers::monitor {
namespace {

constexpr std::string_view kNamespaceDns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

}  // namespace

std::string uuid5(std::string_view namespace_uuid, std::string_view name) {
  std::string input;
  for (size_t i = 0; i + 1 < namespace_uuid.size();) {
    if (namespace_uuid[i] == '-') {
      ++i;
      continue;
    }
    input.push_back(
        static_cast<char>(hex_value(namespace_uuid[i]) * 16 + hex_value(namespace_uuid[i + 1])));
    i += 2;
  }
  input.append(name);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xF]);
  }
  return out;
}

std::string virtual_flow_id(std::string_view identifier, std::string_view flow_id) {
  return uuid5(kNamespaceDns, std::string(identifier) + "_" + std::string(flow_id));
}

}  // namespace lfkit::handlers::monitor
