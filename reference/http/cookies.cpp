#include "http/cookies.hpp"

#include <cstdio>
#include <ctime>

namespace lfkit::http {
namespace {

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

// http.cookies._unquote: only a fully quoted value is unescaped.
std::string unquote_cookie(std::string_view v) {
  if (v.size() < 2 || v.front() != '"' || v.back() != '"') return std::string(v);
  v = v.substr(1, v.size() - 2);
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\' || i + 1 >= v.size()) {
      out.push_back(v[i]);
    } else if (i + 3 < v.size() && is_octal(v[i + 1]) && is_octal(v[i + 2]) && is_octal(v[i + 3])) {
      out.push_back(
          static_cast<char>((v[i + 1] - '0') * 64 + (v[i + 2] - '0') * 8 + (v[i + 3] - '0')));
      i += 3;
    } else {
      out.push_back(v[i + 1]);
      ++i;
    }
  }
  return out;
}

bool legal_cookie_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~:").find(c) != std::string_view::npos;
}

// http.cookies._quote: legal values as-is, anything else double-quoted.
std::string quote_cookie(std::string_view v) {
  bool legal = !v.empty();
  for (char c : v) legal = legal && legal_cookie_char(c);
  if (legal) return std::string(v);
  std::string out = "\"";
  for (unsigned char c : v) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c >= 0x7f || c == ',' || c == ';') {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace

Cookies parse_cookie_header(std::string_view header) {
  Cookies out;
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view chunk = header.substr(0, semi);
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    size_t eq = chunk.find('=');
    std::string_view key = eq == std::string_view::npos ? std::string_view() : chunk.substr(0, eq);
    std::string_view val = eq == std::string_view::npos ? chunk : chunk.substr(eq + 1);
    key = strip(key);
    val = strip(val);
    if (!key.empty() || !val.empty()) out.insert_or_assign(std::string(key), unquote_cookie(val));
  }
  return out;
}

std::string http_date(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string build_set_cookie(const SetCookie& c) {
  std::string out = c.name + "=" + quote_cookie(c.value);
  if (c.domain) out += "; Domain=" + *c.domain;
  if (c.expires) out += "; expires=" + http_date(*c.expires);
  if (c.http_only) out += "; HttpOnly";
  if (c.max_age) out += "; Max-Age=" + std::to_string(*c.max_age);
  if (!c.path.empty()) out += "; Path=" + c.path;
  if (c.same_site) out += "; SameSite=" + *c.same_site;
  if (c.secure) out += "; Secure";
  return out;
}

SetCookie deletion_cookie(std::string name, std::optional<std::string> domain, bool secure,
                          bool http_only, std::optional<std::string> same_site) {
  SetCookie c;
  c.name = std::move(name);
  c.max_age = 0;
  c.expires = std::chrono::system_clock::now();
  c.domain = std::move(domain);
  c.secure = secure;
  c.http_only = http_only;
  c.same_site = std::move(same_site);
  return c;
}

}  // namespace lfkit::http
