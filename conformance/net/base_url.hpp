// The target's base URL, split into what the socket layer needs.
#pragma once

#include <string>
#include <string_view>

#include "common/expected.hpp"

namespace lfkit::conformance {

struct BaseUrl {
  std::string host;
  std::string port;    // "80" when absent
  std::string prefix;  // path prefix without trailing slash, "" for root

  std::string text() const { return "http://" + host + ":" + port + prefix; }
};

// Accepts http://host[:port][/prefix]. https is refused with a clear message.
Expected<BaseUrl, std::string> parse_base_url(std::string_view url);

}  // namespace lfkit::conformance
