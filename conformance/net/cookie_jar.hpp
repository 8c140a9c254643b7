// Remembers cookies from Set-Cookie (login, refresh, client_id) so suites can
// replay them explicitly; the client never attaches them on its own, because
// an implicit access_token_lf cookie would authenticate "anonymous" probes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lfkit::conformance {

class CookieJar {
 public:
  // Applies one Set-Cookie header value; Max-Age=0 removes the cookie.
  void apply_set_cookie(std::string_view header_value);
  void set(std::string name, std::string value) { cookies_[std::move(name)] = std::move(value); }
  void clear() { cookies_.clear(); }
  std::optional<std::string> get(std::string_view name) const;
  // "a=1; b=2", or "" when empty.
  std::string cookie_header() const;

 private:
  std::map<std::string, std::string, std::less<>> cookies_;
};

}  // namespace lfkit::conformance
