#include <zlib.h>

#include "archive/zip.hpp"
#include "archive/zip_format.hpp"

namespace lfkit::archive {
namespace {

using namespace detail;
using Error = Unexpected<std::string>;

constexpr size_t kEndRecordSize = 22;
constexpr size_t kCentralRecordSize = 46;
constexpr size_t kLocalRecordSize = 30;

// The end-of-central-directory record sits in the last 22 + 65535 bytes.
Expected<size_t, std::string> find_end_record(std::string_view in) {
  if (in.size() < kEndRecordSize) return Error{"not a zip file: too short"};
  const size_t lowest =
      in.size() > kEndRecordSize + 0xffff ? in.size() - kEndRecordSize - 0xffff : 0;
  for (size_t at = in.size() - kEndRecordSize + 1; at-- > lowest;) {
    if (get32(in, at) == kEndOfCentral) return at;
  }
  return Error{"not a zip file: no end of central directory"};
}

Expected<std::string, std::string> inflate_raw(std::string_view packed, uint32_t size) {
  std::string out(size, '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return Error{"zlib inflateInit2 failed"};
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const auto produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != size) return Error{"corrupt deflate data"};
  return out;
}

struct CentralRecord {
  uint16_t method;
  uint32_t crc;
  uint32_t packed;
  uint32_t size;
  uint32_t local_offset;
  std::string name;
  size_t record_size;
};

Expected<CentralRecord, std::string> read_central(std::string_view in, size_t at) {
  if (at + kCentralRecordSize > in.size() || get32(in, at) != kCentralHeader) {
    return Error{"corrupt central directory"};
  }
  CentralRecord r{};
  if (get16(in, at + 8) & 0x1) return Error{"encrypted entries are not supported"};
  r.method = get16(in, at + 10);
  r.crc = get32(in, at + 16);
  r.packed = get32(in, at + 20);
  r.size = get32(in, at + 24);
  const size_t name_len = get16(in, at + 28);
  const size_t extra_len = get16(in, at + 30);
  const size_t comment_len = get16(in, at + 32);
  r.local_offset = get32(in, at + 42);
  r.record_size = kCentralRecordSize + name_len + extra_len + comment_len;
  if (at + r.record_size > in.size()) return Error{"corrupt central directory"};
  r.name.assign(in.substr(at + kCentralRecordSize, name_len));
  return r;
}

Expected<std::string, std::string> read_data(std::string_view in, const CentralRecord& r) {
  const size_t at = r.local_offset;
  if (at + kLocalRecordSize > in.size() || get32(in, at) != kLocalHeader) {
    return Error{"corrupt local header for " + r.name};
  }
  const size_t start = at + kLocalRecordSize + get16(in, at + 26) + get16(in, at + 28);
  if (start > in.size() || r.packed > in.size() - start) {
    return Error{"truncated data for " + r.name};
  }
  std::string_view packed = in.substr(start, r.packed);
  std::string data;
  if (r.method == kStored) {
    if (r.packed != r.size) return Error{"corrupt stored entry " + r.name};
    data.assign(packed);
  } else if (r.method == kDeflated) {
    auto inflated = inflate_raw(packed, r.size);
    if (!inflated) return Error{inflated.error() + " in " + r.name};
    data = std::move(*inflated);
  } else {
    return Error{"unsupported compression method " + std::to_string(r.method) + " for " + r.name};
  }
  const auto crc = static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  if (crc != r.crc) return Error{"checksum mismatch for " + r.name};
  return data;
}

}  // namespace

Expected<std::vector<ZipEntry>, std::string> read_zip(std::string_view in, ZipLimits limits) {
  auto end = find_end_record(in);
  if (!end) return Error{end.error()};
  const size_t count = get16(in, *end + 10);
  const size_t central_offset = get32(in, *end + 16);
  if (count > limits.max_entries) return Error{"too many entries"};
  std::vector<ZipEntry> entries;
  uint64_t total = 0;
  size_t at = central_offset;
  for (size_t i = 0; i < count; ++i) {
    auto record = read_central(in, at);
    if (!record) return Error{record.error()};
    at += record->record_size;
    total += record->size;
    if (total > limits.max_total_bytes) return Error{"archive expands beyond the size limit"};
    if (!record->name.empty() && record->name.back() == '/') continue;  // directory
    auto data = read_data(in, *record);
    if (!data) return Error{data.error()};
    entries.push_back({std::move(record->name), std::move(*data)});
  }
  return entries;
}

}  // namespace lfkit::archive
