// Fuzzes the multipart/form-data parser. Input: the boundary on the first
// line, the body after it. Parts must lie inside the body.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "http/multipart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t eol = input.find('\n');
  if (eol == std::string_view::npos) return 0;
  std::string_view boundary = input.substr(0, eol);
  std::string_view body = input.substr(eol + 1);
  (void)lfkit::http::multipart_boundary(std::string("multipart/form-data; boundary=") +
                                        std::string(boundary));
  auto parts = lfkit::http::parse_multipart(body, boundary, {64, 4096});
  if (!parts) return 0;
  for (const auto& part : *parts) {
    // Every part's data must be a view into the body.
    if (part.data.data() < body.data() ||
        part.data.data() + part.data.size() > body.data() + body.size()) {
      std::abort();
    }
  }
  return 0;
}
