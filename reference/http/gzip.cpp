#include "http/gzip.hpp"

#include <zlib.h>

#include <cstdlib>

#include "http/params.hpp"

namespace lfkit::http {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // +16 selects the gzip wrapper

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    std::abort();  // only fails on bad parameters or out of memory
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) std::abort();  // deflateBound guarantees room
  return out;
}

lfkit::Expected<std::string, std::string> gzip_decompress(std::string_view data,
                                                          size_t max_output) {
  z_stream zs{};
  if (inflateInit2(&zs, kGzipWindowBits) != Z_OK) {
    return lfkit::unexpected(std::string("inflateInit failed"));
  }
  std::string out;
  char chunk[16384];
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return lfkit::unexpected(std::string("corrupt gzip data"));
    }
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > max_output) {
      inflateEnd(&zs);
      return lfkit::unexpected(std::string("gzip output too large"));
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return lfkit::unexpected(std::string("truncated gzip data"));
    }
  }
  inflateEnd(&zs);
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    size_t comma = accept_encoding.find(',');
    HeaderValue item = parse_header_value(accept_encoding.substr(0, comma));
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    if (!iequals(item.value, "gzip") && !iequals(item.value, "x-gzip") && item.value != "*") {
      continue;
    }
    auto q = first_param(item.params, "q");
    if (!q) return true;
    char* end = nullptr;
    double value = std::strtod(q->c_str(), &end);
    return end != q->c_str() && value > 0;
  }
  return false;
}

Response gzip_json_response(int status, std::string_view json_body) {
  Response r;
  r.status = status;
  r.headers.set("Content-Type", "application/json");
  r.headers.set("Content-Encoding", "gzip");
  r.headers.set("Vary", "Accept-Encoding");
  r.body = gzip_compress(json_body);
  return r;
}

void gzip_if_accepted(Response& response, std::string_view accept_encoding) {
  response.headers.set("Vary", "Accept-Encoding");
  if (!accepts_gzip(accept_encoding) || response.headers.contains("Content-Encoding")) return;
  response.body = gzip_compress(response.body);
  response.headers.set("Content-Encoding", "gzip");
}

}  // namespace lfkit::http
