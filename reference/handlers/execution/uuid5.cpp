#include "handlers/execution/uuid5.hpp"

#include <openssl/sha.h>

#include <array>
#include <cstdio>

namespace lfkit::handlers::execution {

std::string uuid5_dns(std::string_view name) {
  // 6ba7b810-9dad-11d1-80b4-00c04fd430c8
  static constexpr std::array<unsigned char, 16> kDns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad,
                                                         0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
                                                         0x4f, 0xd4, 0x30, 0xc8};
  std::string input(reinterpret_cast<const char*>(kDns.data()), kDns.size());
  input.append(name);
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);
  std::string out;
  char hex[3];
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    std::snprintf(hex, sizeof hex, "%02x", digest[i]);
    out += hex;
  }
  return out;
}

}  // namespace lfkit::handlers::execution
