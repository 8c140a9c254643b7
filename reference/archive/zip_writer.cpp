#include <zlib.h>

#include <stdexcept>

#include "archive/zip.hpp"
#include "archive/zip_format.hpp"

namespace lfkit::archive {
namespace {

using namespace detail;

// Raw deflate (no zlib header), as ZIP stores it.
std::string deflate_raw(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("zlib deflateInit2 failed");
  }
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib deflate did not finish");
  return out;
}

// 1980-01-01 00:00, the DOS epoch: downloads are reproducible byte for byte.
constexpr uint16_t kDosTime = 0;
constexpr uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

void put_common_fields(std::string& out, uint16_t method, uint32_t crc, size_t packed, size_t size,
                       size_t name_size) {
  put16(out, kUtf8NamesFlag);
  put16(out, method);
  put16(out, kDosTime);
  put16(out, kDosDate);
  put32(out, crc);
  put32(out, static_cast<uint32_t>(packed));
  put32(out, static_cast<uint32_t>(size));
  put16(out, static_cast<uint16_t>(name_size));
  put16(out, 0);  // extra field length
}

}  // namespace

std::string write_zip(const std::vector<ZipEntry>& entries) {
  std::string out;
  std::string central;
  for (const auto& entry : entries) {
    const uint32_t crc =
        static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(entry.data.data()),
                                    static_cast<uInt>(entry.data.size())));
    std::string packed = deflate_raw(entry.data);
    uint16_t method = kDeflated;
    if (packed.size() >= entry.data.size()) {
      packed = entry.data;
      method = kStored;
    }
    const auto offset = static_cast<uint32_t>(out.size());

    put32(out, kLocalHeader);
    put16(out, 20);  // version needed: 2.0
    put_common_fields(out, method, crc, packed.size(), entry.data.size(), entry.name.size());
    out += entry.name;
    out += packed;

    put32(central, kCentralHeader);
    put16(central, 20);  // version made by
    put16(central, 20);  // version needed
    put_common_fields(central, method, crc, packed.size(), entry.data.size(), entry.name.size());
    put16(central, 0);  // comment length
    put16(central, 0);  // disk number
    put16(central, 0);  // internal attributes
    put32(central, 0);  // external attributes
    put32(central, offset);
    central += entry.name;
  }
  const auto central_offset = static_cast<uint32_t>(out.size());
  out += central;
  put32(out, kEndOfCentral);
  put16(out, 0);  // this disk
  put16(out, 0);  // disk with the central directory
  put16(out, static_cast<uint16_t>(entries.size()));
  put16(out, static_cast<uint16_t>(entries.size()));
  put32(out, static_cast<uint32_t>(central.size()));
  put32(out, central_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace lfkit::archive
