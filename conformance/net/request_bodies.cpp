#include "conformance/net/request_bodies.hpp"

namespace lfkit::conformance {

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string form_urlencoded(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += url_encode(name) + "=" + url_encode(value);
  }
  return out;
}

EncodedBody multipart_form_data(const std::vector<MultipartPart>& parts, std::string boundary) {
  EncodedBody out;
  out.content_type = "multipart/form-data; boundary=" + boundary;
  for (const auto& part : parts) {
    out.body += "--" + boundary + "\r\n";
    out.body += "Content-Disposition: form-data; name=\"" + part.name + "\"";
    if (!part.filename.empty()) out.body += "; filename=\"" + part.filename + "\"";
    out.body += "\r\n";
    if (!part.content_type.empty()) out.body += "Content-Type: " + part.content_type + "\r\n";
    out.body += "\r\n" + part.content + "\r\n";
  }
  out.body += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace lfkit::conformance
