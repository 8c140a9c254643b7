// Cookie header parsing and Set-Cookie building, matching Starlette's
// cookie_parser and Response.set_cookie/delete_cookie output.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lfkit::http {

// name -> value; on repeated names the last one wins (as in Starlette).
using Cookies = std::map<std::string, std::string, std::less<>>;

// Parses a Cookie header: "a=1; b=\"x y\"". Chunks without '=' count as a
// value with an empty name; quoted values are unquoted (\" and \ooo escapes).
Cookies parse_cookie_header(std::string_view header);

struct SetCookie {
  std::string name;
  std::string value;
  std::optional<int64_t> max_age;  // seconds; Max-Age=N
  // Expires attribute; a time point is rendered as an HTTP date.
  std::optional<std::chrono::system_clock::time_point> expires;
  std::string path = "/";
  std::optional<std::string> domain;
  bool secure = false;
  bool http_only = false;
  std::optional<std::string> same_site = "lax";  // "lax" | "strict" | "none"
};

// The Set-Cookie header value, attributes in Python's Morsel order:
// name=value; Domain=..; expires=..; HttpOnly; Max-Age=..; Path=..; SameSite=..; Secure
std::string build_set_cookie(const SetCookie& cookie);

// What Starlette's delete_cookie sends: empty value, Max-Age=0, expires=now.
SetCookie deletion_cookie(std::string name, std::optional<std::string> domain = std::nullopt,
                          bool secure = false, bool http_only = false,
                          std::optional<std::string> same_site = "lax");

// "Thu, 01 Jan 1970 00:00:00 GMT" (RFC 7231 IMF-fixdate).
std::string http_date(std::chrono::system_clock::time_point t);

}  // namespace lfkit::http
