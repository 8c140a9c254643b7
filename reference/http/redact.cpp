#include "http/redact.hpp"

#include <array>
#include <cctype>

namespace lfkit::http {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

bool is_credential_name(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "x-api-key",     "api_key",  "apikey",        "token", "access_token",
      "refresh_token", "password", "client_secret", "code"};
  for (auto n : kNames) {
    if (iequal(name, n)) return true;
  }
  return false;
}

bool token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == '~' || c == '+' || c == '/' || c == '=';
}

}  // namespace

std::string redact_target(std::string_view target) {
  const size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q + 1));
  std::string_view query = target.substr(q + 1);
  bool first = true;
  while (true) {
    const size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (!first) out.push_back('&');
    first = false;
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && is_credential_name(pair.substr(0, eq))) {
      out.append(pair.substr(0, eq + 1)).append("***");
    } else {
      out.append(pair);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::string redact_secrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const std::string_view rest = text.substr(i);
    const bool boundary = i == 0 || !token_char(text[i - 1]);
    size_t prefix = 0;
    bool dotted = true;  // JWTs and bearer tokens have '.'-separated parts; sk- keys do not
    if (boundary && rest.starts_with("sk-")) {
      prefix = 3;
      dotted = false;
    } else if (boundary && rest.starts_with("eyJ")) {
      prefix = 0;  // a JWT: all of it goes
    } else if (rest.size() > 7 && iequal(rest.substr(0, 7), "Bearer ")) {
      prefix = 7;
    } else {
      out.push_back(text[i++]);
      continue;
    }
    size_t end = prefix;
    while (end < rest.size() && token_char(rest[end]) && (dotted || rest[end] != '.')) ++end;
    // A JWT or key does not end with '.': a sentence's full stop stays.
    while (dotted && end > prefix && rest[end - 1] == '.') --end;
    if (end - prefix < 8) {  // too short to be a secret: keep the text
      out.push_back(text[i++]);
      continue;
    }
    out.append(rest.substr(0, prefix)).append("***");
    i += end;
  }
  return out;
}

}  // namespace lfkit::http
