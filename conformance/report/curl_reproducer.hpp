// Builds a copy-pasteable curl command for a request, with POSIX shell quoting.
#pragma once

#include <string>
#include <string_view>

#include "conformance/net/http_message.hpp"

namespace lfkit::conformance {

// 'text' with embedded single quotes as '\''; non-printable bytes force $'...' quoting.
std::string shell_quote(std::string_view text);
std::string curl_command(std::string_view base_url, const HttpRequest& request);

}  // namespace lfkit::conformance
