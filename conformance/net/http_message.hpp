// Plain HTTP request/response values shared by the client, checks and reports.
// Kept free of Beast so most of the runner compiles without it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lfkit::conformance {

struct Header {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method = "GET";
  std::string target;  // path + query, relative to the base URL's prefix
  std::vector<Header> headers;
  std::string body;

  HttpRequest& with_header(std::string name, std::string value) {
    headers.push_back({std::move(name), std::move(value)});
    return *this;
  }
};

struct HttpResponse {
  int status = 0;
  std::vector<Header> headers;
  std::string body;  // already gunzipped when Content-Encoding was gzip
  bool was_gzipped = false;
  std::chrono::milliseconds elapsed{0};

  // Case-insensitive header lookup (first match).
  std::optional<std::string> header(std::string_view name) const;
  // The media type without parameters, lower-cased ("application/json").
  std::string media_type() const;
};

enum class NetErrorKind { bad_url, connect, timeout, protocol, closed };

struct NetError {
  NetErrorKind kind = NetErrorKind::protocol;
  std::string message;
};

bool iequals(std::string_view a, std::string_view b);

}  // namespace lfkit::conformance
