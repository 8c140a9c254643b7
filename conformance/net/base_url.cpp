#include "conformance/net/base_url.hpp"

#include <algorithm>

namespace lfkit::conformance {

Expected<BaseUrl, std::string> parse_base_url(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.starts_with("https://")) {
    return unexpected(std::string("https base URLs are not supported; use a plain http URL"));
  }
  if (!url.starts_with(kScheme)) {
    return unexpected("base URL must start with http:// (got '" + std::string(url) + "')");
  }
  url.remove_prefix(kScheme.size());
  const auto slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  std::string prefix = slash == std::string_view::npos ? "" : std::string(url.substr(slash));
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  if (authority.empty()) return unexpected(std::string("base URL has no host"));

  BaseUrl out;
  out.prefix = prefix;
  const auto colon = authority.rfind(':');
  if (colon == std::string_view::npos || authority.ends_with(']')) {
    out.host = std::string(authority);
    out.port = "80";
  } else {
    out.host = std::string(authority.substr(0, colon));
    out.port = std::string(authority.substr(colon + 1));
    const bool digits =
        !out.port.empty() &&
        std::all_of(out.port.begin(), out.port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits) return unexpected("base URL has a bad port '" + out.port + "'");
  }
  if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  }
  return out;
}

}  // namespace lfkit::conformance
