// gzip bodies (zlib). Langflow compresses some list responses
// unconditionally; accepts_gzip lets callers honour Accept-Encoding instead.
#pragma once

#include <string>
#include <string_view>

#include "common/expected.hpp"
#include "http/message.hpp"

namespace lfkit::http {

// A gzip member (RFC 1952) of `data`; level 6 is what Langflow uses.
std::string gzip_compress(std::string_view data, int level = 6);
// Inflates a gzip stream; fails on corrupt input or output above max_output bytes.
lfkit::Expected<std::string, std::string> gzip_decompress(std::string_view data,
                                                          size_t max_output = 256u << 20);

// True when an Accept-Encoding value allows gzip (gzip, x-gzip or *, q > 0).
bool accepts_gzip(std::string_view accept_encoding);

// Langflow's compress_response: JSON body gzip-compressed with
// Content-Encoding: gzip and Vary: Accept-Encoding (sent whatever the client accepts).
Response gzip_json_response(int status, std::string_view json_body);

// Compresses `response` in place when the client accepts gzip; otherwise only adds Vary.
void gzip_if_accepted(Response& response, std::string_view accept_encoding);

}  // namespace lfkit::http
