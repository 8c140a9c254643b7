#include "http/session.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <limits>
#include <nlohmann/json.hpp>

namespace lfkit::http::detail {

namespace bhttp = beast::http;

// ---------------------------------------------------------------- Core

void Core::add(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(mu);
  sessions.emplace(s.get(), s);
}

void Core::remove(Session* s) {
  bool empty_now;
  {
    std::lock_guard lock(mu);
    empty_now = sessions.erase(s) == 1 && sessions.empty();
  }
  if (empty_now && stopping && on_empty_while_stopping) on_empty_while_stopping();
}

std::vector<std::shared_ptr<Session>> Core::live_sessions() {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(mu);
  for (auto& [raw, weak] : sessions) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

// ---------------------------------------------------------------- Exchange

namespace {

class SessionExchange : public Exchange {
 public:
  SessionExchange(std::shared_ptr<Session> session, Request request,
                  std::shared_ptr<CancelSignal> cancel)
      : session_(std::move(session)), request_(std::move(request)), cancel_(std::move(cancel)) {}

  ~SessionExchange() override {
    if (!answered_.exchange(true)) {
      post_response(detail_response(500, "Internal Server Error"));
    }
  }

  const Request& request() const override { return request_; }

  void respond(Response response) override {
    if (answered_.exchange(true)) return;  // second answers are dropped
    post_response(std::move(response));
  }

  std::shared_ptr<StreamWriter> start_stream(int status, Headers headers) override {
    if (answered_.exchange(true)) return nullptr;
    auto stream = std::make_shared<SessionStream>(session_, session_->executor(),
                                                  session_->options().stream_queue_bytes, cancel_);
    net::post(session_->executor(),
              [s = session_, stream, status, h = std::move(headers)]() mutable {
                s->begin_stream(stream, status, std::move(h));
              });
    return stream;
  }

  bool cancelled() const override { return cancel_->cancelled(); }
  void on_cancel(std::function<void()> callback) override {
    cancel_->on_cancel(std::move(callback));
  }

  bool answered() const { return answered_; }

 private:
  // Inline when answered on the connection's own thread (the common case), queued otherwise.
  void post_response(Response response) {
    net::dispatch(session_->executor(), [s = session_, r = std::move(response)]() mutable {
      s->send_response(std::move(r));
    });
  }

  std::shared_ptr<Session> session_;
  Request request_;
  std::shared_ptr<CancelSignal> cancel_;
  std::atomic<bool> answered_{false};
};

void copy_headers(const Headers& from, bhttp::fields& to) {
  for (const auto& f : from.fields()) {
    if (iequals(f.name, "Content-Length") || iequals(f.name, "Transfer-Encoding") ||
        iequals(f.name, "Connection")) {
      continue;  // framing is the transport's job
    }
    to.insert(f.name, f.value);
  }
}

bool body_forbidden(int status) {
  return status < 200 || status == 204 || status == 304;
}

}  // namespace

// ---------------------------------------------------------------- Session

Session::Session(Socket&& socket, std::shared_ptr<Core> core)
    : stream_(std::move(socket)), core_(std::move(core)) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string();
}

void Session::start() {
  core_->add(shared_from_this());
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->do_read(); });
}

void Session::server_stopping() {
  if (closed_) return;
  keep_alive_ = false;
  if (idle_) close();
}

void Session::force_close() {
  close();
}

void Session::do_read() {
  if (closed_) return;
  if (core_->stopping) return close();
  idle_ = true;
  current_method_.clear();
  current_target_.clear();
  started_ = {};
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(core_->options.header_limit_bytes));
  // The real limit is chosen once the headers are known (Beast checks a
  // Content-Length against it while parsing the header, so lift it for now).
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  stream_.expires_after(core_->options.header_timeout);
  bhttp::async_read_header(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->on_header(ec); });
}

Request Session::head_from_parser() const {
  const auto& msg = parser_->get();
  Request r;
  r.method = std::string(msg.method_string());
  r.target = std::string(msg.target());
  size_t q = r.target.find('?');
  r.path = r.target.substr(0, q);
  if (q != std::string::npos) r.query = r.target.substr(q + 1);
  r.version = msg.version();
  for (const auto& f : msg) r.headers.add(std::string(f.name_string()), std::string(f.value()));
  r.remote_address = remote_;
  return r;
}

void Session::on_header(beast::error_code ec) {
  if (closed_) return;
  idle_ = false;
  if (ec == bhttp::error::header_limit) {
    return send_transport_error(431, "Request header fields too large");
  }
  if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
      ec == net::error::operation_aborted || ec == net::error::eof ||
      ec == net::error::connection_reset || ec == bhttp::error::partial_message) {
    return close();  // nothing (complete) was asked: nothing to answer
  }
  if (ec) return send_transport_error(400, "Invalid HTTP request received.");
  started_ = std::chrono::steady_clock::now();
  current_method_ = std::string(parser_->get().method_string());
  current_target_ = std::string(parser_->get().target());

  head_ = head_from_parser();
  BodyLimit limit = core_->options.body_limit ? core_->options.body_limit(head_) : BodyLimit{};
  if (auto length = parser_->content_length(); length && *length > limit.max_bytes) {
    return send_transport_error(413, limit.too_large_detail);
  }
  parser_->body_limit(limit.max_bytes);
  body_too_large_detail_ = std::move(limit.too_large_detail);

  auto expect = parser_->get()[bhttp::field::expect];
  if (iequals(std::string_view(expect.data(), expect.size()), "100-continue") &&
      !parser_->is_done()) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    stream_.expires_after(core_->options.write_timeout);
    net::async_write(stream_, net::buffer(kContinue.data(), kContinue.size()),
                     [self = shared_from_this()](beast::error_code wec, size_t) {
                       if (wec) return self->close();
                       self->read_body();
                     });
    return;
  }
  read_body();
}

void Session::read_body() {
  if (closed_) return;
  stream_.expires_after(core_->options.body_timeout);
  bhttp::async_read(
      stream_, buffer_, *parser_,
      [self = shared_from_this()](beast::error_code ec, size_t) { self->on_body(ec); });
}

void Session::on_body(beast::error_code ec) {
  if (closed_) return;
  if (ec == bhttp::error::body_limit) return send_transport_error(413, body_too_large_detail_);
  if (ec == beast::error::timeout || ec == net::error::operation_aborted ||
      ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == net::error::eof || ec == net::error::connection_reset) {
    return close();
  }
  if (ec) return send_transport_error(400, "Invalid HTTP request received.");
  Request request = std::move(head_);
  keep_alive_ = keep_alive_ && parser_->get().keep_alive();
  request.body = std::move(parser_->get().body());
  parser_.reset();
  dispatch(std::move(request));
}

void Session::dispatch(Request request) {
  stream_.expires_never();  // the handler may take its time
  if (auto preflight = cors_preflight(core_->options.cors, request)) {
    return send_response(std::move(*preflight));
  }
  exchange_cancel_ = std::make_shared<CancelSignal>();
  exchange_pending_ = true;
  // CORS only looks at these two headers of the request being answered.
  cors_request_ = Request{};
  for (const char* name : {"Origin", "Cookie"}) {
    if (auto value = request.headers.find(name))
      cors_request_.headers.add(name, std::string(*value));
  }
  auto exchange =
      std::make_shared<SessionExchange>(shared_from_this(), std::move(request), exchange_cancel_);
  if (!core_->handler) return exchange->respond(detail_response(404, "Not Found"));
  try {
    core_->handler(exchange);
  } catch (const std::exception& e) {
    // Langflow's catch-all handler: 500 {"message": str(exc)}.
    nlohmann::json body = {{"message", e.what()}};
    exchange->respond(
        json_response(500, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
  }
}

void Session::send_response(Response response) {
  if (closed_) return;
  exchange_pending_ = false;
  apply_cors(core_->options.cors, cors_request_, response.headers);
  auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
  res->result(static_cast<unsigned>(response.status));
  res->version(11);
  copy_headers(response.headers, *res);
  const bool keep_alive = keep_alive_ && !core_->stopping;
  res->keep_alive(keep_alive);
  const uint64_t bytes = response.body.size();
  if (body_forbidden(response.status)) {
    res->prepare_payload();
  } else if (current_method_ == "HEAD") {
    res->content_length(bytes);  // announce the size, send no body
  } else {
    res->body() = std::move(response.body);
    res->prepare_payload();
  }
  const int status = response.status;
  stream_.expires_after(core_->options.write_timeout);
  bhttp::async_write(
      stream_, *res,
      [self = shared_from_this(), res, keep_alive, status, bytes](beast::error_code ec, size_t) {
        self->log_access(status, bytes);
        self->on_response_written(ec, keep_alive);
      });
}

void Session::on_response_written(beast::error_code ec, bool keep_alive) {
  if (closed_) return;
  if (ec || !keep_alive) return close();
  do_read();
}

void Session::send_transport_error(int status, std::string_view detail) {
  if (closed_) return;
  if (current_method_.empty() && parser_) {
    current_method_ = std::string(parser_->get().method_string());
    current_target_ = std::string(parser_->get().target());
  }
  if (started_ == std::chrono::steady_clock::time_point{})
    started_ = std::chrono::steady_clock::now();
  auto res = std::make_shared<bhttp::response<bhttp::string_body>>();
  res->result(static_cast<unsigned>(status));
  res->version(11);
  res->set(bhttp::field::content_type, "application/json");
  res->keep_alive(false);
  res->body() = detail_json(detail);
  res->prepare_payload();
  const uint64_t bytes = res->body().size();
  stream_.expires_after(core_->options.write_timeout);
  bhttp::async_write(stream_, *res,
                     [self = shared_from_this(), res, status, bytes](beast::error_code ec, size_t) {
                       self->log_access(status, bytes);
                       if (ec) return self->close();
                       self->linger_then_close();
                     });
}

// Reads (and drops) what the client still sends for a short while before
// closing, so an unread request body does not turn into a TCP reset that
// would destroy the error response before the client reads it.
void Session::linger_then_close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return close();
  stream_.expires_after(std::chrono::seconds(1));
  stream_.async_read_some(net::buffer(watch_buf_),
                          [self = shared_from_this()](beast::error_code rec, size_t) {
                            if (rec || self->closed_) return self->close();
                            self->linger_then_close();
                          });
}

void Session::begin_stream(std::shared_ptr<SessionStream> stream, int status, Headers headers) {
  exchange_pending_ = false;
  if (closed_) return stream->cancel();
  stream_state_ = std::move(stream);
  stream_status_ = status;
  apply_cors(core_->options.cors, cors_request_, headers);
  stream_res_.emplace();
  stream_res_->result(static_cast<unsigned>(status));
  stream_res_->version(11);
  copy_headers(headers, *stream_res_);
  stream_res_->keep_alive(false);
  stream_res_->chunked(true);
  stream_sr_.emplace(*stream_res_);
  stream_.expires_after(core_->options.write_timeout);
  stream_writing_ = true;
  bhttp::async_write_header(stream_, *stream_sr_,
                            [self = shared_from_this()](beast::error_code ec, size_t) {
                              self->stream_writing_ = false;
                              if (ec) return self->close();
                              self->stream_header_written_ = true;
                              self->watch_for_disconnect();
                              self->pump_stream();
                            });
}

// While streaming nothing is expected from the client: a completed read means
// it went away (EOF/reset) unless it sent bytes, which are dropped.
void Session::watch_for_disconnect() {
  stream_.socket().async_read_some(net::buffer(watch_buf_),
                                   [self = shared_from_this()](beast::error_code ec, size_t) {
                                     if (self->closed_) return;
                                     if (ec) return self->close();
                                     self->watch_for_disconnect();
                                   });
}

void Session::pump_stream() {
  if (closed_ || !stream_state_ || !stream_header_written_ || stream_writing_ || stream_done_) {
    return;
  }
  bool finished = false;
  stream_pending_ = stream_state_->take_queued(finished);
  if (stream_pending_.empty()) {
    if (finished) return finish_stream_write();
    stream_.expires_never();  // an idle stream is not a stalled client
    return;
  }
  stream_writing_ = true;
  stream_.expires_after(core_->options.write_timeout);
  net::async_write(stream_, bhttp::make_chunk(net::buffer(stream_pending_)),
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     self->stream_writing_ = false;
                     const size_t n = self->stream_pending_.size();
                     self->stream_bytes_ += n;
                     self->stream_pending_.clear();
                     if (self->stream_state_) self->stream_state_->written(n);
                     if (ec) return self->close();
                     self->pump_stream();
                   });
}

void Session::finish_stream_write() {
  stream_writing_ = true;
  stream_.expires_after(core_->options.write_timeout);
  net::async_write(stream_, bhttp::make_chunk_last(),
                   [self = shared_from_this()](beast::error_code ec, size_t) {
                     self->stream_writing_ = false;
                     if (!ec) self->stream_done_ = true;
                     self->log_access(self->stream_status_, self->stream_bytes_);
                     self->close();
                   });
}

void Session::log_access(int status, uint64_t bytes) {
  if (!core_->options.access_log) return;
  AccessLogEntry e;
  e.method = current_method_;
  e.target = current_target_;
  e.status = status;
  e.bytes = bytes;
  e.duration_us = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started_)
                      .count();
  e.remote = remote_;
  core_->options.access_log(e);
}

void Session::close() {
  if (closed_) return;
  closed_ = true;
  if (stream_state_ && !stream_done_) stream_state_->cancel();
  if (exchange_pending_ && exchange_cancel_) exchange_cancel_->cancel();
  stream_state_.reset();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
  core_->remove(this);
}

}  // namespace lfkit::http::detail
