#include "conformance/net/cookie_jar.hpp"

#include "conformance/net/http_message.hpp"

namespace lfkit::conformance {
namespace {
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

void CookieJar::apply_set_cookie(std::string_view header_value) {
  auto first = header_value.substr(0, header_value.find(';'));
  const auto eq = first.find('=');
  if (eq == std::string_view::npos) return;
  std::string name(trim(first.substr(0, eq)));
  std::string value(trim(first.substr(eq + 1)));
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  bool expired = false;
  std::string_view rest = header_value;
  for (auto pos = rest.find(';'); pos != std::string_view::npos; pos = rest.find(';')) {
    rest.remove_prefix(pos + 1);
    auto attr = trim(rest.substr(0, rest.find(';')));
    if (attr.size() > 8 && iequals(attr.substr(0, 8), "max-age=")) {
      auto age = attr.substr(8);
      expired = age == "0" || age.starts_with('-');
    }
  }
  if (expired) {
    cookies_.erase(name);
  } else {
    cookies_[std::move(name)] = std::move(value);
  }
}

std::optional<std::string> CookieJar::get(std::string_view name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

std::string CookieJar::cookie_header() const {
  std::string out;
  for (const auto& [name, value] : cookies_) {
    if (!out.empty()) out += "; ";
    out += name + "=" + value;
  }
  return out;
}

}  // namespace lfkit::conformance
