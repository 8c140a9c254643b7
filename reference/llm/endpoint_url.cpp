#include "llm/endpoint_url.hpp"

#include <algorithm>
#include <cctype>

namespace lfkit::llm {

std::string EndpointUrl::authority() const {
  const bool default_port = port == (tls ? "443" : "80");
  const bool ipv6 = host.find(':') != std::string::npos;
  std::string out = ipv6 ? "[" + host + "]" : host;
  return default_port ? out : out + ":" + port;
}

Expected<EndpointUrl, std::string> parse_endpoint_url(std::string_view url) {
  const std::string whole(url);
  auto fail = [&](const std::string& why) {
    return unexpected("invalid OpenAI API base '" + whole + "': " + why);
  };
  EndpointUrl out;
  if (url.starts_with("https://")) {
    out.tls = true;
    url.remove_prefix(8);
  } else if (url.starts_with("http://")) {
    url.remove_prefix(7);
  } else {
    return fail("it must start with http:// or https://");
  }
  if (url.find_first_of("?#") != std::string_view::npos) return fail("no query or fragment");
  const size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "" : url.substr(slash);
  if (authority.find('@') != std::string_view::npos) return fail("no user info");
  std::string_view port;
  if (authority.starts_with("[")) {  // [IPv6]:port
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("unclosed IPv6 address");
    out.host = std::string(authority.substr(1, close - 1));
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && !rest.starts_with(":")) return fail("bad text after the IPv6 address");
    if (!rest.empty()) port = rest.substr(1);
  } else {
    const size_t colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return fail("no host");
  if (port.empty()) {
    out.port = out.tls ? "443" : "80";
  } else {
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        }))
      return fail("the port must be a number");
    const int number = std::stoi(std::string(port));
    if (number < 1 || number > 65535) return fail("the port must be 1-65535");
    out.port = std::string(port);
  }
  while (path.ends_with("/")) path.remove_suffix(1);
  out.path_prefix = std::string(path);
  return out;
}

}  // namespace lfkit::llm
