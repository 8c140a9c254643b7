// Minimal ZIP (PKWARE APPNOTE) writing and reading: deflate or stored entries,
// no encryption, no ZIP64. Enough for Langflow's flow/project/file downloads
// and for reading uploads of the same kind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"

namespace lfkit::archive {

struct ZipEntry {
  std::string name;  // as stored; callers sanitise before touching the disk
  std::string data;
};

// Deflates every entry (stored when that is not smaller).
std::string write_zip(const std::vector<ZipEntry>& entries);

struct ZipLimits {
  size_t max_entries = 10000;
  uint64_t max_total_bytes = 256ull * 1024 * 1024;  // sum of uncompressed sizes (zip bombs)
};

// Reads every entry through the central directory; errors say what is wrong.
Expected<std::vector<ZipEntry>, std::string> read_zip(std::string_view bytes,
                                                      ZipLimits limits = {});

}  // namespace lfkit::archive
