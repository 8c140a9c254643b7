#include "http/multipart.hpp"

#include "http/params.hpp"

namespace lfkit::http {
namespace {

constexpr std::string_view kCrlf = "\r\n";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Parses "Name: value" lines of one part header block into `part`.
lfkit::Expected<void, std::string> parse_part_headers(std::string_view block, MultipartPart& part) {
  bool has_disposition = false;
  while (!block.empty()) {
    size_t eol = block.find(kCrlf);
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return lfkit::unexpected(std::string("malformed part header"));
    }
    std::string name(trim(line.substr(0, colon)));
    std::string value(trim(line.substr(colon + 1)));
    if (iequals(name, "Content-Disposition")) {
      HeaderValue hv = parse_header_value(value);
      if (!iequals(hv.value, "form-data")) {
        return lfkit::unexpected(std::string("part is not form-data"));
      }
      has_disposition = true;
      if (auto n = first_param(hv.params, "name")) part.name = *n;
      if (auto f = first_param(hv.params, "filename")) part.filename = *f;
    } else if (iequals(name, "Content-Type")) {
      part.content_type = value;
    }
    part.headers.add(std::move(name), std::move(value));
  }
  if (!has_disposition) return lfkit::unexpected(std::string("part without Content-Disposition"));
  return {};
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  HeaderValue hv = parse_header_value(content_type);
  if (!iequals(hv.value, "multipart/form-data")) return std::nullopt;
  auto boundary = first_param(hv.params, "boundary");
  // RFC 2046: 1..70 characters.
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return boundary;
}

lfkit::Expected<std::vector<MultipartPart>, std::string> parse_multipart(
    std::string_view body, std::string_view boundary, const MultipartLimits& limits) {
  if (boundary.empty()) return lfkit::unexpected(std::string("empty boundary"));
  const std::string dash_boundary = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash_boundary;

  // The first boundary starts the body or follows a preamble line.
  size_t pos;
  if (body.substr(0, dash_boundary.size()) == dash_boundary) {
    pos = dash_boundary.size();
  } else {
    size_t found = body.find(delimiter);
    if (found == std::string_view::npos)
      return lfkit::unexpected(std::string("boundary not found"));
    pos = found + delimiter.size();
  }

  std::vector<MultipartPart> parts;
  for (;;) {
    std::string_view rest = body.substr(pos);
    if (rest.substr(0, 2) == "--") return parts;  // close delimiter; epilogue ignored
    // Transport padding, then CRLF, ends the boundary line.
    size_t eol = rest.find(kCrlf);
    if (eol == std::string_view::npos || !trim(rest.substr(0, eol)).empty()) {
      return lfkit::unexpected(std::string("malformed boundary line"));
    }
    pos += eol + 2;
    if (parts.size() >= limits.max_parts) return lfkit::unexpected(std::string("too many parts"));

    MultipartPart part;
    std::string_view after = body.substr(pos);
    size_t headers_end;
    if (after.substr(0, 2) == kCrlf) {
      headers_end = 0;  // no headers at all
    } else {
      headers_end = after.find("\r\n\r\n");
      if (headers_end == std::string_view::npos) {
        return lfkit::unexpected(std::string("unterminated part headers"));
      }
      headers_end += 2;
    }
    if (headers_end > limits.max_part_header_bytes) {
      return lfkit::unexpected(std::string("part headers too large"));
    }
    if (auto ok = parse_part_headers(after.substr(0, headers_end), part); !ok) {
      return lfkit::unexpected(ok.error());
    }
    pos += headers_end + 2;

    size_t data_end = body.find(delimiter, pos);
    if (data_end == std::string_view::npos) {
      return lfkit::unexpected(std::string("missing closing boundary"));
    }
    part.data = body.substr(pos, data_end - pos);
    parts.push_back(std::move(part));
    pos = data_end + delimiter.size();
  }
}

const MultipartPart* find_part(const std::vector<MultipartPart>& parts, std::string_view name) {
  for (const auto& p : parts) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

}  // namespace lfkit::http
