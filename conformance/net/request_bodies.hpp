// Body encoders for the non-JSON requests Langflow takes: the OAuth2 login
// form and multipart file uploads.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lfkit::conformance {

std::string url_encode(std::string_view text);
std::string form_urlencoded(const std::vector<std::pair<std::string, std::string>>& fields);

struct MultipartPart {
  std::string name;
  std::string filename;  // empty for a plain field
  std::string content_type;
  std::string content;
};

struct EncodedBody {
  std::string content_type;  // header value, includes the boundary for multipart
  std::string body;
};

EncodedBody multipart_form_data(const std::vector<MultipartPart>& parts,
                                std::string boundary = "lfkit-conformance-boundary-7d1e");

}  // namespace lfkit::conformance
