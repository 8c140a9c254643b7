#include "conformance/net/gzip.hpp"

#include <zlib.h>

#include <array>

namespace lfkit::conformance {
namespace {
constexpr int kGzipWindowBits = 15 + 16;          // 16: gzip wrapper instead of zlib
constexpr std::size_t kMaxInflated = 256u << 20;  // refuse gzip bombs
}  // namespace

Expected<std::string, std::string> gunzip(std::string_view compressed) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) return unexpected(std::string("inflateInit2"));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  std::array<char, 16384> buf{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      std::string msg = zs.msg ? zs.msg : "inflate failed";
      inflateEnd(&zs);
      return unexpected("gzip: " + msg);
    }
    out.append(buf.data(), buf.size() - zs.avail_out);
    if (out.size() > kMaxInflated) {
      inflateEnd(&zs);
      return unexpected(std::string("gzip: inflated body too large"));
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return unexpected(std::string("gzip: truncated stream"));
    }
  }
  inflateEnd(&zs);
  return out;
}

std::string gzip(std::string_view plain) {
  z_stream zs{};
  deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  zs.avail_in = static_cast<uInt>(plain.size());
  std::string out;
  std::array<char, 16384> buf{};
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf.data());
    zs.avail_out = static_cast<uInt>(buf.size());
    rc = deflate(&zs, Z_FINISH);
    out.append(buf.data(), buf.size() - zs.avail_out);
  }
  deflateEnd(&zs);
  return out;
}

}  // namespace lfkit::conformance
