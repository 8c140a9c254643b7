// Query strings, application/x-www-form-urlencoded bodies and header
// parameters ("form-data; name=\"file\""), parsed as Starlette does.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lfkit::http {

// Ordered name/value pairs; names may repeat (?provider=a&provider=b).
using Params = std::vector<std::pair<std::string, std::string>>;

// %XX decoding; malformed escapes stay as they are (like Python's unquote).
// With plus_as_space, '+' decodes to ' ' (query strings and form bodies).
std::string percent_decode(std::string_view text, bool plus_as_space);
// Encodes everything but unreserved characters (RFC 3986), for building URLs.
std::string percent_encode(std::string_view text);

// Splits on '&', keeps blank values ("a&b=" -> a="", b=""), skips empty
// segments, decodes '+' and %XX in names and values (urllib's parse_qsl).
Params parse_query(std::string_view query);
// Same rules; form bodies are query strings in a body.
inline Params parse_form_urlencoded(std::string_view body) {
  return parse_query(body);
}

// First value for `name`, or nullopt.
std::optional<std::string> first_param(const Params& params, std::string_view name);
// Every value for `name`, in order.
std::vector<std::string> all_params(const Params& params, std::string_view name);

// A header value split into its main token and ';'-separated parameters.
// Parameter names are lower-cased; quoted values are unquoted (backslash
// escapes removed). "multipart/form-data; boundary=xyz" -> {"multipart/form-data", {boundary:
// xyz}}.
struct HeaderValue {
  std::string value;
  Params params;
};
HeaderValue parse_header_value(std::string_view text);

}  // namespace lfkit::http
