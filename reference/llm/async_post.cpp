#include "llm/async_post.hpp"

#include <openssl/ssl.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <memory>
#include <optional>
#include <stop_token>

namespace lfkit::llm {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using beast::error_code;

constexpr uint64_t kMaxBody = 64ull << 20;

// The plain and the TLS stream differ only in construction and in the handshake.
struct PlainStream {
  beast::tcp_stream stream;
  PlainStream(const asio::any_io_executor& ex, const EndpointUrl&) : stream(ex) {}
  beast::tcp_stream& lowest() { return stream; }
  std::optional<std::string> prepare(const EndpointUrl&) { return std::nullopt; }
  template <class Handler>
  void handshake(Handler&& handler) {
    asio::post(stream.get_executor(),
               [h = std::forward<Handler>(handler)]() mutable { h(error_code{}); });
  }
};

struct TlsStream {
  asio::ssl::context tls{asio::ssl::context::tls_client};
  beast::ssl_stream<beast::tcp_stream> stream;
  TlsStream(const asio::any_io_executor& ex, const EndpointUrl&) : stream(ex, configured(tls)) {}
  static asio::ssl::context& configured(asio::ssl::context& c) {
    c.set_default_verify_paths();
    c.set_verify_mode(asio::ssl::verify_peer);
    return c;
  }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream); }
  std::optional<std::string> prepare(const EndpointUrl& url) {
    stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
    if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str()))
      return std::string("could not set the TLS server name");
    return std::nullopt;
  }
  template <class Handler>
  void handshake(Handler&& handler) {
    stream.async_handshake(asio::ssl::stream_base::client, std::forward<Handler>(handler));
  }
};

std::string connect_error(const EndpointUrl& url, const std::string& why) {
  return "could not reach " + std::string(url.tls ? "https://" : "http://") + url.authority() +
         ": " + why;
}

// One exchange; every step's handler runs on the call's strand. A timer bounds each step
// (the idle timeout); a stop closes the socket, which ends the pending step at once.
template <class Stream>
class Call : public std::enable_shared_from_this<Call<Stream>> {
 public:
  Call(const asio::any_io_executor& strand, EndpointUrl url, PostRequest request,
       PostCallbacks callbacks)
      : strand_(strand),
        url_(std::move(url)),
        request_(std::move(request)),
        callbacks_(std::move(callbacks)),
        resolver_(strand),
        timer_(strand),
        stream_(strand, url_) {}

  void start() {
    std::weak_ptr<Call> weak = this->shared_from_this();
    stop_.emplace(request_.stop, [weak, strand = strand_] {
      asio::post(strand, [weak] {
        if (auto self = weak.lock()) self->abort(Abort::cancelled);
      });
    });
    asio::post(strand_, [self = this->shared_from_this()] { self->resolve(); });
  }

 private:
  enum class Abort { none, cancelled, timed_out };

  void arm(const char* what) {
    step_ = what;
    timer_.expires_after(request_.idle_timeout);
    timer_.async_wait([self = this->shared_from_this(), generation = ++generation_](error_code ec) {
      if (!ec && generation == self->generation_) self->abort(Abort::timed_out);
    });
  }

  void abort(Abort why) {
    if (finished_ || abort_ != Abort::none) return;
    abort_ = why;
    resolver_.cancel();
    error_code ignored;
    stream_.lowest().socket().close(ignored);
  }

  // The outcome of a step: true to go on.
  bool ok(error_code ec, bool connecting) {
    timer_.cancel();
    if (finished_) return false;
    if (abort_ == Abort::cancelled) return finish(unexpected(std::string("cancelled")));
    if (abort_ == Abort::timed_out) {
      std::string why = std::string(step_) + " timed out after " +
                        std::to_string(request_.idle_timeout.count()) + " ms";
      return finish(unexpected(connecting ? connect_error(url_, why) : why));
    }
    if (request_.stop.stop_requested()) return finish(unexpected(std::string("cancelled")));
    if (ec && ec != http::error::need_buffer) {
      std::string why = std::string(step_) + " failed: " + ec.message();
      return finish(unexpected(connecting ? connect_error(url_, why) : why));
    }
    return true;
  }

  bool finish(Expected<void, std::string> result) {
    if (finished_) return false;
    finished_ = true;
    timer_.cancel();
    error_code ignored;
    stream_.lowest().socket().close(ignored);
    auto done = std::move(callbacks_.on_done);
    done(std::move(result));
    return false;
  }

  void resolve() {
    arm("resolving the host");
    resolver_.async_resolve(
        url_.host, url_.port,
        [self = this->shared_from_this()](error_code ec, tcp::resolver::results_type r) {
          if (self->ok(ec, true)) self->connect(std::move(r));
        });
  }

  void connect(tcp::resolver::results_type endpoints) {
    if (auto why = stream_.prepare(url_)) {
      finish(unexpected(connect_error(url_, *why)));
      return;
    }
    arm("connecting");
    stream_.lowest().async_connect(
        endpoints, [self = this->shared_from_this()](error_code ec, const tcp::endpoint&) {
          if (self->ok(ec, true)) self->handshake();
        });
  }

  void handshake() {
    arm("the TLS handshake");
    stream_.handshake([self = this->shared_from_this()](error_code ec) {
      if (self->ok(ec, true)) self->send();
    });
  }

  void send() {
    out_ = {http::verb::post, request_.target, 11};
    out_.set(http::field::host, url_.authority());
    out_.set(http::field::user_agent, "lfkit");
    out_.set(http::field::connection, "close");
    for (const auto& [name, value] : request_.headers) out_.set(name, value);
    out_.body() = request_.body;
    out_.prepare_payload();
    arm("sending the request");
    http::async_write(stream_.stream, out_,
                      [self = this->shared_from_this()](error_code ec, size_t) {
                        if (self->ok(ec, false)) self->read_head();
                      });
  }

  void read_head() {
    parser_.body_limit(kMaxBody);
    arm("reading the response");
    http::async_read_header(
        stream_.stream, buffer_, parser_, [self = this->shared_from_this()](error_code ec, size_t) {
          if (!self->ok(ec, false)) return;
          self->callbacks_.on_head({static_cast<int>(self->parser_.get().result_int()),
                                    std::string(self->parser_.get()[http::field::content_type])});
          self->read_body();
        });
  }

  void read_body() {
    if (parser_.is_done()) {
      finish({});
      return;
    }
    parser_.get().body().data = piece_;
    parser_.get().body().size = sizeof piece_;
    arm("reading the response");
    http::async_read_some(
        stream_.stream, buffer_, parser_, [self = this->shared_from_this()](error_code ec, size_t) {
          if (!self->ok(ec, false)) return;
          const size_t got = sizeof self->piece_ - self->parser_.get().body().size;
          if (got > 0 && !self->callbacks_.on_body({self->piece_, got})) {
            self->finish({});
            return;
          }
          self->read_body();
        });
  }

  asio::any_io_executor strand_;
  EndpointUrl url_;
  PostRequest request_;
  PostCallbacks callbacks_;
  tcp::resolver resolver_;
  asio::steady_timer timer_;
  Stream stream_;
  std::optional<std::stop_callback<std::function<void()>>> stop_;
  http::request<http::string_body> out_;
  beast::flat_buffer buffer_;
  http::response_parser<http::buffer_body> parser_;
  char piece_[16 * 1024];
  const char* step_ = "";
  uint64_t generation_ = 0;  // which armed timer is current
  Abort abort_ = Abort::none;
  bool finished_ = false;
};

}  // namespace

void async_post(const asio::any_io_executor& executor, const EndpointUrl& url, PostRequest request,
                PostCallbacks callbacks) {
  asio::any_io_executor strand = asio::make_strand(executor);
  if (url.tls) {
    std::make_shared<Call<TlsStream>>(strand, url, std::move(request), std::move(callbacks))
        ->start();
  } else {
    std::make_shared<Call<PlainStream>>(strand, url, std::move(request), std::move(callbacks))
        ->start();
  }
}

}  // namespace lfkit::llm
