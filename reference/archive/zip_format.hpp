// Little-endian field helpers and record signatures shared by the writer and reader.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace lfkit::archive::detail {

inline constexpr uint32_t kLocalHeader = 0x04034b50;
inline constexpr uint32_t kCentralHeader = 0x02014b50;
inline constexpr uint32_t kEndOfCentral = 0x06054b50;
inline constexpr uint16_t kStored = 0;
inline constexpr uint16_t kDeflated = 8;
inline constexpr uint16_t kUtf8NamesFlag = 0x0800;

inline void put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}
inline void put32(std::string& out, uint32_t v) {
  put16(out, static_cast<uint16_t>(v & 0xffff));
  put16(out, static_cast<uint16_t>(v >> 16));
}
// Callers check bounds first.
inline uint16_t get16(std::string_view in, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(in[at]) |
                               (static_cast<uint8_t>(in[at + 1]) << 8));
}
inline uint32_t get32(std::string_view in, size_t at) {
  return get16(in, at) | (static_cast<uint32_t>(get16(in, at + 2)) << 16);
}

}  // namespace lfkit::archive::detail
