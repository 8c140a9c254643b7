#include "lfkit/api/runtime.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>

namespace lfkit::api {

json errors_to_detail(const Errors& errors) {
  json list = json::array();
  for (const auto& e : errors) {
    json item = {{"type", e.type}, {"loc", e.loc}, {"msg", e.msg}, {"input", e.input}};
    if (!e.ctx.is_null()) item["ctx"] = e.ctx;
    list.push_back(std::move(item));
  }
  return json{{"detail", std::move(list)}};
}

json Loc::to_json() const {
  std::vector<const Loc*> chain;
  for (const Loc* l = this; l != nullptr; l = l->parent) chain.push_back(l);
  json out = json::array();
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if ((*it)->index >= 0) {
      out.push_back((*it)->index);
    } else if (!(*it)->key.empty() || (*it)->parent != nullptr) {
      out.push_back(std::string((*it)->key));
    }
  }
  return out;
}

void add_error(Errors& out, std::string type, const Loc& loc, std::string msg, const json& input,
               json ctx) {
  out.push_back(
      ValidationError{std::move(type), loc.to_json(), std::move(msg), input, std::move(ctx)});
}

void add_type_error(Errors& out, std::string_view json_type, bool is_model, const Loc& loc,
                    const json& input) {
  if (json_type == "string") {
    add_error(out, "string_type", loc, "Input should be a valid string", input);
  } else if (json_type == "integer") {
    if (input.is_number_float()) {
      add_error(out, "int_from_float", loc,
                "Input should be a valid integer, got a number with a fractional part", input);
    } else {
      add_error(out, "int_type", loc, "Input should be a valid integer", input);
    }
  } else if (json_type == "number") {
    add_error(out, "float_type", loc, "Input should be a valid number", input);
  } else if (json_type == "boolean") {
    add_error(out, "bool_type", loc, "Input should be a valid boolean", input);
  } else if (json_type == "array") {
    add_error(out, "list_type", loc, "Input should be a valid list", input);
  } else if (json_type == "object") {
    if (is_model) {
      add_error(out, "model_attributes_type", loc,
                "Input should be a valid dictionary or object to extract fields from", input);
    } else {
      add_error(out, "dict_type", loc, "Input should be a valid dictionary", input);
    }
  } else if (json_type == "null") {
    add_error(out, "none_required", loc, "Input should be None", input);
  }
}

std::string expected_choices(const json& choices) {
  std::string out;
  for (size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += (i + 1 == choices.size()) ? " or " : ", ";
    out += choices[i].is_string() ? "'" + choices[i].get<std::string>() + "'" : choices[i].dump();
  }
  return out;
}

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

const char* const kUuidPattern =
    "^(urn:uuid:)?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|"
    "[0-9a-fA-F]{32}|\\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{"
    "12}\\}|\\{[0-9a-fA-F]{32}\\})$";
const char* const kDateTimePattern =
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?([Zz]|[+-][0-9]{2}(:"
    "?[0-9]{2})?)?)?$";
const char* const kDatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

namespace {

bool is_hex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!is_digit(s[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> canonical_uuid(std::string_view s) {
  if (s.starts_with("urn:uuid:")) s.remove_prefix(9);
  if (s.size() >= 2 && s.front() == '{' && s.back() == '}') s = s.substr(1, s.size() - 2);
  std::string hex;
  if (s.size() == 36) {
    for (size_t i = 0; i < 36; ++i) {
      bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
      if (dash != (s[i] == '-')) return std::nullopt;
      if (!dash) {
        if (!is_hex(s[i])) return std::nullopt;
        hex += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
      }
    }
  } else if (s.size() == 32) {
    for (char c : s) {
      if (!is_hex(c)) return std::nullopt;
      hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  } else {
    return std::nullopt;
  }
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

bool is_date(std::string_view s) {
  return s.size() == 10 && digits(s, 0, 4) && s[4] == '-' && digits(s, 5, 2) && s[7] == '-' &&
         digits(s, 8, 2);
}

bool is_date_time(std::string_view s) {
  if (s.size() < 10 || !is_date(s.substr(0, 10))) return false;
  size_t p = 10;
  if (p == s.size()) return true;
  if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') return false;
  ++p;
  if (!digits(s, p, 2) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2)) {
    return false;
  }
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2)) return false;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      size_t start = ++p;
      while (p < s.size() && is_digit(s[p])) ++p;
      if (p == start) return false;
    }
  }
  if (p == s.size()) return true;
  if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) return true;
  if (s[p] != '+' && s[p] != '-') return false;
  if (!digits(s, p + 1, 2)) return false;
  p += 3;
  if (p == s.size()) return true;
  if (s[p] == ':') ++p;
  return digits(s, p, 2) && p + 2 == s.size();
}

std::optional<int64_t> parse_int(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_number(std::string_view s) {
  std::string text(s);
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "1" || lower == "yes" || lower == "on" || lower == "t" ||
      lower == "y") {
    return true;
  }
  if (lower == "false" || lower == "0" || lower == "no" || lower == "off" || lower == "f" ||
      lower == "n") {
    return false;
  }
  return std::nullopt;
}

const FormField* FormData::find(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<const FormField*> FormData::all(std::string_view name) const {
  std::vector<const FormField*> out;
  for (const auto& f : fields) {
    if (f.name == name) out.push_back(&f);
  }
  return out;
}

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

std::optional<std::string_view> SimpleRawRequest::path_param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::vector<std::string_view> SimpleRawRequest::query_values(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : query) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::optional<std::string_view> SimpleRawRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

std::optional<std::string_view> SimpleRawRequest::cookie(std::string_view name) const {
  for (const auto& [k, v] : cookies) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::string uuid_error_reason(std::string_view text) {
  // As the uuid crate explains a failed parse: braces and the urn prefix are skipped.
  std::string_view body = text;
  size_t offset = 0;
  bool simple = true;
  if (body.size() >= 2 && body.front() == '{' && body.back() == '}') {
    body = body.substr(1, body.size() - 2);
    offset = 1;
    simple = false;
  } else if (body.starts_with("urn:uuid:")) {
    body.remove_prefix(9);
    offset = 9;
    simple = false;
  }
  auto bad_char = [&](std::string_view ch, size_t at) {
    return "invalid character: expected an optional prefix of `urn:uuid:` followed by "
           "[0-9a-fA-F-], found `" +
           std::string(ch) + "` at " + std::to_string(at + offset + 1);
  };
  size_t hyphens = 0;
  std::array<size_t, 4> bounds{};
  for (size_t i = 0; i < body.size(); ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if (c >= 0x80) {  // the whole UTF-8 character is named
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      return bad_char(body.substr(i, len), i);
    }
    if (c == '-') {
      if (hyphens < 4) bounds[hyphens] = i;
      ++hyphens;
    } else if (!std::isxdigit(c)) {
      return bad_char(body.substr(i, 1), i);
    }
  }
  if (hyphens == 0 && simple) {
    return "invalid length: expected length 32 for simple format, found " +
           std::to_string(text.size());
  }
  if (hyphens != 4) return "invalid group count: expected 5, found " + std::to_string(hyphens + 1);
  constexpr std::array<size_t, 5> kStarts = {0, 9, 14, 19, 24};
  constexpr std::array<size_t, 5> kLengths = {8, 4, 4, 4, 12};
  for (size_t i = 0; i < 4; ++i) {
    if (bounds[i] != kStarts[i + 1] - 1) {
      return "invalid group length in group " + std::to_string(i) + ": expected " +
             std::to_string(kLengths[i]) + ", found " + std::to_string(bounds[i] - kStarts[i]);
    }
  }
  return "invalid group length in group 4: expected 12, found " +
         std::to_string(text.size() - kStarts[4]);
}

void add_uuid_error(Errors& out, const Loc& loc, const json& input) {
  const std::string reason =
      uuid_error_reason(input.is_string() ? input.get_ref<const std::string&>() : "");
  add_error(out, "uuid_parsing", loc, "Input should be a valid UUID, " + reason, input,
            json{{"error", reason}});
}

std::optional<json> parse_json_body(std::string_view body, Errors& out) {
  // Even with allow_exceptions=false nlohmann throws out_of_range for numbers
  // that overflow a double (found by fuzz/validators), so both paths catch.
  size_t position = 0;
  std::string reason = "Expecting value";
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    position = e.byte > 0 ? e.byte - 1 : 0;
  } catch (const json::exception& e) {
    reason = "Number out of range";
  }
  Loc root{nullptr, "body", -1};
  Loc at = root.at(static_cast<int64_t>(position));
  add_error(out, "json_invalid", at, "JSON decode error", json::object(), json{{"error", reason}});
  return std::nullopt;
}

}  // namespace lfkit::api

namespace lfkit::api {

bool convert_param(std::string_view text, std::string_view type, std::string_view format,
                   const Loc& loc, Errors& out, json& value) {
  const json input = std::string(text);
  if (type == "integer") {
    auto n = parse_int(text);
    if (!n) {
      add_error(out, "int_parsing", loc,
                "Input should be a valid integer, unable to parse string as an integer", input);
      return false;
    }
    value = *n;
  } else if (type == "number") {
    auto n = parse_number(text);
    if (!n) {
      add_error(out, "float_parsing", loc,
                "Input should be a valid number, unable to parse string as a number", input);
      return false;
    }
    value = *n;
  } else if (type == "boolean") {
    auto b = parse_bool(text);
    if (!b) {
      add_error(out, "bool_parsing", loc,
                "Input should be a valid boolean, unable to interpret input", input);
      return false;
    }
    value = *b;
  } else if (format == "uuid") {
    auto u = canonical_uuid(text);
    if (!u) {
      add_uuid_error(out, loc, input);
      return false;
    }
    value = *u;
  } else {
    value = input;
  }
  return true;
}

}  // namespace lfkit::api
