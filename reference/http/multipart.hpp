// multipart/form-data parsing over a fully received body (RFC 7578).
// Part data are views into the body: keep the body alive while using them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"
#include "http/message.hpp"

namespace lfkit::http {

struct MultipartPart {
  std::string name;                     // Content-Disposition name=
  std::optional<std::string> filename;  // present for file fields (may be "")
  std::string content_type;             // "" when the part sent none
  Headers headers;                      // every part header as sent
  std::string_view data;                // raw bytes between the headers and the next boundary
};

struct MultipartLimits {
  size_t max_parts = 1000;
  size_t max_part_header_bytes = 16 * 1024;
};

// The boundary parameter of a multipart/form-data Content-Type, or nullopt
// when the type is not multipart/form-data or the boundary is missing/invalid.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// Parses `body` delimited by `boundary`. Errors are short human-readable
// reasons (the caller answers 400 with them or with its own message).
lfkit::Expected<std::vector<MultipartPart>, std::string> parse_multipart(
    std::string_view body, std::string_view boundary, const MultipartLimits& limits = {});

// The first part whose name is `name`, or nullptr.
const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name);

}  // namespace lfkit::http
