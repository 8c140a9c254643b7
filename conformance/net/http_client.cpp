#include "conformance/net/http_client.hpp"

#include <array>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <limits>

#include "conformance/net/gzip.hpp"

namespace lfkit::conformance {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::uint64_t kMaxBody = 128u << 20;

NetError net_error(const beast::error_code& ec, std::string_view during) {
  NetErrorKind kind = NetErrorKind::protocol;
  if (ec == beast::error::timeout) {
    kind = NetErrorKind::timeout;
  } else if (ec == http::error::end_of_stream || ec == asio::error::eof ||
             ec == asio::error::connection_reset || ec == http::error::partial_message) {
    kind = NetErrorKind::closed;
  }
  return {kind, std::string(during) + ": " + ec.message()};
}

// Runs one async operation to completion on a private io_context; the
// tcp_stream expiry bounds it.
template <typename Start>
beast::error_code run_one(asio::io_context& ioc, Start start) {
  beast::error_code result;
  start([&result](beast::error_code ec, auto&&...) { result = ec; });
  ioc.restart();
  ioc.run();
  return result;
}

http::request<http::string_body> to_beast(const BaseUrl& base, const HttpRequest& in) {
  http::request<http::string_body> req;
  req.method_string(in.method);
  req.target(base.prefix + in.target);
  req.version(11);
  req.set(http::field::host, base.host + ":" + base.port);
  req.set(http::field::user_agent, "lfkit-conformance");
  req.set(http::field::accept_encoding, "gzip");
  for (const auto& h : in.headers) req.insert(h.name, h.value);
  req.body() = in.body;
  if (!in.body.empty() || in.method == "POST" || in.method == "PUT" || in.method == "PATCH") {
    req.prepare_payload();
  }
  return req;
}

template <typename Fields>
std::vector<Header> copy_headers(const Fields& fields) {
  std::vector<Header> out;
  for (const auto& f : fields) {
    out.push_back({std::string(f.name_string()), std::string(f.value())});
  }
  return out;
}

beast::error_code connect(asio::io_context& ioc, beast::tcp_stream& stream, const BaseUrl& base,
                          std::chrono::milliseconds timeout) {
  tcp::resolver resolver(ioc);
  beast::error_code ec;
  auto endpoints = resolver.resolve(base.host, base.port, ec);
  if (ec) return ec;
  stream.expires_after(timeout);
  return run_one(ioc, [&](auto handler) { stream.async_connect(endpoints, handler); });
}

class SocketStream final : public HttpStream {
 public:
  SocketStream() : stream_(ioc_) {}

  int status() const override { return static_cast<int>(parser_.get().result_int()); }
  const std::vector<Header>& headers() const override { return headers_; }

  NetError open(const BaseUrl& base, const HttpRequest& request, const ClientTimeouts& t,
                bool& ok) {
    ok = false;
    if (auto ec = connect(ioc_, stream_, base, t.connect)) {
      return {NetErrorKind::connect, "connect to " + base.text() + ": " + ec.message()};
    }
    auto req = to_beast(base, request);
    req.erase(http::field::accept_encoding);  // streams must arrive uncompressed
    stream_.expires_after(t.request);
    if (auto ec = run_one(ioc_, [&](auto h) { http::async_write(stream_, req, h); })) {
      return net_error(ec, "write");
    }
    // Not boost::none: Boost 1.74 compares Content-Length against the empty
    // optional and refuses every sized body with "body limit exceeded".
    parser_.body_limit(std::numeric_limits<std::uint64_t>::max());
    if (auto ec =
            run_one(ioc_, [&](auto h) { http::async_read_header(stream_, buffer_, parser_, h); })) {
      return net_error(ec, "read headers");
    }
    headers_ = copy_headers(parser_.get().base());
    ok = true;
    return {};
  }

  Expected<std::optional<std::string>, NetError> next_chunk(Clock::time_point deadline) override {
    while (true) {
      if (parser_.is_done()) return std::optional<std::string>{};
      if (Clock::now() >= deadline)
        return unexpected(NetError{NetErrorKind::timeout, "stream deadline"});
      parser_.get().body().data = chunk_.data();
      parser_.get().body().size = chunk_.size();
      stream_.expires_at(deadline);
      auto ec = run_one(ioc_, [&](auto h) { http::async_read_some(stream_, buffer_, parser_, h); });
      if (ec == http::error::need_buffer) ec = {};
      if (ec) return unexpected(net_error(ec, "read body"));
      const std::size_t got = chunk_.size() - parser_.get().body().size;
      if (got > 0) return std::optional<std::string>(std::string(chunk_.data(), got));
    }
  }

 private:
  asio::io_context ioc_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  http::response_parser<http::buffer_body> parser_;
  std::vector<Header> headers_;
  std::array<char, 8192> chunk_{};
};

}  // namespace

std::optional<std::string> HttpStream::header(std::string_view name) const {
  for (const auto& h : headers()) {
    if (iequals(h.name, name)) return h.value;
  }
  return std::nullopt;
}

struct HttpClient::Connection {
  asio::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;
};

HttpClient::HttpClient(BaseUrl base, ClientTimeouts timeouts)
    : base_(std::move(base)), timeouts_(timeouts), connection_(std::make_unique<Connection>()) {}

HttpClient::~HttpClient() = default;

Expected<HttpResponse, NetError> HttpClient::send(const HttpRequest& request) {
  const auto started = Clock::now();
  auto req = to_beast(base_, request);
  // A reused keep-alive connection may have been closed by the server; one
  // retry on a fresh connection covers that without hiding real failures.
  for (int attempt = 0; attempt < 2; ++attempt) {
    Connection& c = *connection_;
    const bool reused = c.open;
    if (!c.open) {
      c.buffer.clear();
      if (auto ec = connect(c.ioc, c.stream, base_, timeouts_.connect)) {
        return unexpected(
            NetError{NetErrorKind::connect, "connect to " + base_.text() + ": " + ec.message()});
      }
      c.open = true;
    }
    c.stream.expires_after(timeouts_.request);
    auto ec = run_one(c.ioc, [&](auto h) { http::async_write(c.stream, req, h); });
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxBody);
    // A HEAD answer has headers only, whatever its Content-Length says.
    if (iequals(request.method, "HEAD")) parser.skip(true);
    if (!ec) ec = run_one(c.ioc, [&](auto h) { http::async_read(c.stream, c.buffer, parser, h); });
    if (ec) {
      beast::error_code ignored;
      c.stream.socket().close(ignored);
      c.open = false;
      const bool stale = reused && ec != beast::error::timeout;
      if (stale && attempt == 0) continue;
      return unexpected(net_error(ec, "exchange"));
    }
    auto msg = parser.release();
    if (!msg.keep_alive()) {
      beast::error_code ignored;
      c.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      c.stream.socket().close(ignored);
      c.open = false;
    }
    HttpResponse out;
    out.status = static_cast<int>(msg.result_int());
    out.headers = copy_headers(msg.base());
    out.body = std::move(msg.body());
    if (auto enc = out.header("Content-Encoding"); enc && iequals(*enc, "gzip")) {
      auto plain = gunzip(out.body);
      if (!plain) return unexpected(NetError{NetErrorKind::protocol, plain.error()});
      out.body = std::move(*plain);
      out.was_gzipped = true;
    }
    for (const auto& h : out.headers) {
      if (iequals(h.name, "Set-Cookie")) cookies_.apply_set_cookie(h.value);
    }
    out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    return out;
  }
  return unexpected(NetError{NetErrorKind::closed, "connection closed twice"});
}

Expected<std::unique_ptr<HttpStream>, NetError> HttpClient::open_stream(
    const HttpRequest& request) {
  auto stream = std::make_unique<SocketStream>();
  bool ok = false;
  auto err = stream->open(base_, request, timeouts_, ok);
  if (!ok) return unexpected(std::move(err));
  for (const auto& h : stream->headers()) {
    if (iequals(h.name, "Set-Cookie")) cookies_.apply_set_cookie(h.value);
  }
  return std::unique_ptr<HttpStream>(std::move(stream));
}

}  // namespace lfkit::conformance
