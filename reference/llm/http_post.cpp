#include "llm/http_post.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

namespace lfkit::llm {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kPoll = std::chrono::milliseconds(50);  // how soon a cancelled run is noticed
constexpr uint64_t kMaxBody = 64ull << 20;

// Runs one asynchronous operation to completion on `ioc`, cancelling it (through `cancel`)
// when the run is stopped or nothing completes within the idle timeout.
class Driver {
 public:
  Driver(asio::io_context& ioc, const PostRequest& request) : ioc_(ioc), request_(request) {}

  template <class Start, class Cancel>
  Expected<void, std::string> run(const char* what, Start start, Cancel cancel) {
    bool done = false;
    beast::error_code result;
    start([&](beast::error_code ec, auto&&...) {
      done = true;
      result = ec;
    });
    const auto deadline = Clock::now() + request_.idle_timeout;
    bool cancelled = false, timed_out = false;
    ioc_.restart();
    while (!done) {
      if (!cancelled && request_.stop.stop_requested()) {
        cancelled = true;
        cancel();
      } else if (!cancelled && !timed_out && Clock::now() >= deadline) {
        timed_out = true;
        cancel();
      }
      ioc_.run_for(kPoll);
    }
    if (cancelled) return unexpected(std::string("cancelled"));
    if (timed_out)
      return unexpected(std::string(what) + " timed out after " +
                        std::to_string(request_.idle_timeout.count()) + " ms");
    if (result && result != http::error::need_buffer)
      return unexpected(std::string(what) + " failed: " + result.message());
    return {};
  }

 private:
  asio::io_context& ioc_;
  const PostRequest& request_;
};

// The exchange over a connected stream (plain TCP or TLS): request out, response in.
template <class Stream, class Cancel>
Expected<void, std::string> exchange(Stream& stream, Driver& driver, Cancel cancel,
                                     const EndpointUrl& url, const PostRequest& request,
                                     const std::function<void(const ResponseHead&)>& on_head,
                                     const std::function<bool(std::string_view)>& on_body) {
  http::request<http::string_body> out{http::verb::post, request.target, 11};
  out.set(http::field::host, url.authority());
  out.set(http::field::user_agent, "lfkit");
  out.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) out.set(name, value);
  out.body() = request.body;
  out.prepare_payload();
  auto sent = driver.run(
      "sending the request",
      [&](auto handler) { http::async_write(stream, out, std::move(handler)); }, cancel);
  if (!sent) return sent;

  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(kMaxBody);
  auto head = driver.run(
      "reading the response",
      [&](auto handler) { http::async_read_header(stream, buffer, parser, std::move(handler)); },
      cancel);
  if (!head) return head;
  on_head({static_cast<int>(parser.get().result_int()),
           std::string(parser.get()[http::field::content_type])});

  char piece[16 * 1024];
  while (!parser.is_done()) {
    parser.get().body().data = piece;
    parser.get().body().size = sizeof piece;
    auto read = driver.run(
        "reading the response",
        [&](auto handler) { http::async_read_some(stream, buffer, parser, std::move(handler)); },
        cancel);
    if (!read) return read;
    const size_t got = sizeof piece - parser.get().body().size;
    if (got > 0 && !on_body(std::string_view(piece, got))) return {};
  }
  return {};
}

std::string connect_error(const EndpointUrl& url, const std::string& why) {
  return "could not reach " + std::string(url.tls ? "https://" : "http://") + url.authority() +
         ": " + why;
}

}  // namespace

Expected<void, std::string> post(const EndpointUrl& url, const PostRequest& request,
                                 const std::function<void(const ResponseHead&)>& on_head,
                                 const std::function<bool(std::string_view)>& on_body) {
  asio::io_context ioc;
  Driver driver(ioc, request);
  tcp::resolver resolver(ioc);
  tcp::resolver::results_type endpoints;
  auto resolved = driver.run(
      "resolving the host",
      [&](auto handler) {
        resolver.async_resolve(url.host, url.port,
                               [&, handler](beast::error_code ec, tcp::resolver::results_type r) {
                                 endpoints = std::move(r);
                                 handler(ec);
                               });
      },
      [&] { resolver.cancel(); });
  if (!resolved) return unexpected(connect_error(url, resolved.error()));

  if (!url.tls) {
    beast::tcp_stream stream(ioc);
    auto cancel = [&] { stream.socket().cancel(); };
    auto connected = driver.run(
        "connecting", [&](auto handler) { stream.async_connect(endpoints, std::move(handler)); },
        cancel);
    if (!connected) return unexpected(connect_error(url, connected.error()));
    return exchange(stream, driver, cancel, url, request, on_head, on_body);
  }

  asio::ssl::context tls(asio::ssl::context::tls_client);
  tls.set_default_verify_paths();
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(ioc, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
  if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
    return unexpected(connect_error(url, "could not set the TLS server name"));
  auto cancel = [&] { beast::get_lowest_layer(stream).socket().cancel(); };
  auto connected = driver.run(
      "connecting",
      [&](auto handler) {
        beast::get_lowest_layer(stream).async_connect(endpoints, std::move(handler));
      },
      cancel);
  if (!connected) return unexpected(connect_error(url, connected.error()));
  auto shaken = driver.run(
      "the TLS handshake",
      [&](auto handler) { stream.async_handshake(asio::ssl::stream_base::client, handler); },
      cancel);
  if (!shaken) return unexpected(connect_error(url, shaken.error()));
  return exchange(stream, driver, cancel, url, request, on_head, on_body);
}

}  // namespace lfkit::llm
