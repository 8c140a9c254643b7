// Fuzzes the ZIP reader used for uploads: any bytes give entries or an error,
// and whatever it reads must survive a write/read round trip.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "archive/zip.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto entries = lfkit::archive::read_zip(input, {64, 1 << 20});
  if (!entries) return 0;
  auto again = lfkit::archive::read_zip(lfkit::archive::write_zip(*entries), {64, 1 << 20});
  if (!again || again->size() != entries->size()) std::abort();
  for (size_t i = 0; i < entries->size(); ++i) {
    if ((*again)[i].data != (*entries)[i].data) std::abort();
  }
  return 0;
}
