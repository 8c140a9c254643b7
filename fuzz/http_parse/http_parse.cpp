// Fuzzes request parsing as the transport does it: Beast's request_parser
// with lfkit's limits, then the query, cookie, form and header-value parsers
// on whatever the request carried.
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>
#include <string>

#include "http/cookies.hpp"
#include "http/gzip.hpp"
#include "http/params.hpp"

namespace http = boost::beast::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  http::request_parser<http::string_body> parser;
  parser.header_limit(16 * 1024);
  parser.body_limit(1 << 20);
  parser.eager(true);
  boost::beast::error_code ec;
  size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
  if (!ec && used <= input.size() && !parser.is_done()) parser.put_eof(ec);
  if (!parser.is_header_done()) {
    // Still exercise the helpers on raw bytes so they are fuzzed on their own too.
    (void)lfkit::http::parse_query(input);
    (void)lfkit::http::parse_cookie_header(input);
    (void)lfkit::http::parse_header_value(input);
    (void)lfkit::http::accepts_gzip(input);
    return 0;
  }
  const auto& req = parser.get();
  std::string target(req.target());
  auto q = target.find('?');
  if (q != std::string::npos)
    (void)lfkit::http::parse_query(std::string_view(target).substr(q + 1));
  (void)lfkit::http::percent_decode(target, false);
  auto cookie = req[http::field::cookie];
  (void)lfkit::http::parse_cookie_header(std::string_view(cookie.data(), cookie.size()));
  auto content_type = req[http::field::content_type];
  (void)lfkit::http::parse_header_value(std::string_view(content_type.data(), content_type.size()));
  auto accept = req[http::field::accept_encoding];
  (void)lfkit::http::accepts_gzip(std::string_view(accept.data(), accept.size()));
  if (parser.is_done()) (void)lfkit::http::parse_form_urlencoded(req.body());
  return 0;
}
