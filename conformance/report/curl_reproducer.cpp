#include "conformance/report/curl_reproducer.hpp"

#include <algorithm>

namespace lfkit::conformance {
namespace {

bool needs_ansi_c_quoting(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c < 0x20 && c != '\t') || c == 0x7F;
  });
}

std::string ansi_c_quote(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "$'";
  for (unsigned char c : text) {
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "'";
}

bool is_safe_bare(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '/' || c == ':' || c == '=' || c == ',';
  });
}

// Credentials never reach a report: the header keeps its name (and the
// scheme of Authorization) so the reader knows what to put back.
std::string redacted_header_value(const Header& h) {
  if (iequals(h.name, "x-api-key") || iequals(h.name, "cookie")) return "REDACTED";
  if (iequals(h.name, "authorization")) {
    const auto space = h.value.find(' ');
    return space == std::string::npos ? "REDACTED" : h.value.substr(0, space) + " REDACTED";
  }
  return h.value;
}

// x-api-key=... in the query string.
std::string redacted_target(std::string target) {
  const auto query = target.find('?');
  if (query == std::string::npos) return target;
  for (auto at = target.find("x-api-key=", query); at != std::string::npos;
       at = target.find("x-api-key=", at + 1)) {
    if (target[at - 1] != '?' && target[at - 1] != '&') continue;
    const auto start = at + std::string_view("x-api-key=").size();
    const auto end = target.find('&', start);
    target.replace(start, (end == std::string::npos ? target.size() : end) - start, "REDACTED");
  }
  return target;
}

}  // namespace

std::string shell_quote(std::string_view text) {
  if (needs_ansi_c_quoting(text)) return ansi_c_quote(text);
  if (is_safe_bare(text)) return std::string(text);
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string curl_command(std::string_view base_url, const HttpRequest& request) {
  std::string out = "curl -sS -i -X " + shell_quote(request.method);
  for (const auto& h : request.headers)
    out += " -H " + shell_quote(h.name + ": " + redacted_header_value(h));
  if (!request.body.empty()) out += " --data-binary " + shell_quote(request.body);
  std::string url(base_url);
  while (!url.empty() && url.back() == '/') url.pop_back();
  out += " " + shell_quote(url + redacted_target(request.target));
  return out;
}

}  // namespace lfkit::conformance
