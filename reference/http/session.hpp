// Internal: one HTTP/1.1 connection. Only server.cpp and session.cpp include
// this (it pulls in Beast).
#pragma once

#include <array>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "http/server.hpp"

namespace lfkit::http::detail {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
// Sockets bound to one thread's io_context, with its concrete executor type.
using Socket = tcp::socket::rebind_executor<net::io_context::executor_type>::other;

class Session;
class SessionStream;

// State shared by the server and all its sessions.
struct Core {
  ServerOptions options;
  Handler handler;
  std::atomic<bool> stopping{false};
  std::mutex mu;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  std::function<void()> on_empty_while_stopping;  // runs with mu unlocked

  void add(const std::shared_ptr<Session>& s);
  void remove(Session* s);
  std::vector<std::shared_ptr<Session>> live_sessions();
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(Socket&& socket, std::shared_ptr<Core> core);
  void start();
  // Posted by the server on stop(): idle connections close, busy ones finish.
  void server_stopping();
  // Posted by the server when the grace period ends.
  void force_close();

  // Called on the connection's thread (posted by SessionExchange / SessionStream).
  void send_response(Response response);
  void begin_stream(std::shared_ptr<SessionStream> stream, int status, Headers headers);
  void pump_stream();

  net::any_io_executor executor() { return stream_.get_executor(); }
  const ServerOptions& options() const { return core_->options; }

 private:
  void do_read();
  void on_header(beast::error_code ec);
  void read_body();
  void on_body(beast::error_code ec);
  void dispatch(Request request);
  void on_response_written(beast::error_code ec, bool keep_alive);
  void send_transport_error(int status, std::string_view detail);
  void linger_then_close();
  void watch_for_disconnect();
  void finish_stream_write();
  void close();
  void log_access(int status, uint64_t bytes);
  Request head_from_parser() const;

  // A concrete executor type: any_io_executor's type-erased copies showed up in profiles.
  beast::basic_stream<tcp, net::io_context::executor_type> stream_;
  std::shared_ptr<Core> core_;
  beast::flat_buffer buffer_;
  std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
  std::string remote_;

  bool closed_ = false;
  bool idle_ = false;  // waiting for (the headers of) the next request
  bool keep_alive_ = true;
  std::string current_method_;
  std::string current_target_;
  std::chrono::steady_clock::time_point started_;
  std::shared_ptr<CancelSignal> exchange_cancel_;  // of the request being answered
  bool exchange_pending_ = false;
  Request head_;          // of the request being read, from its headers on
  Request cors_request_;  // headers of the request being answered (CORS needs them)
  std::string body_too_large_detail_;

  // Streaming state (only while a chunked response is being sent).
  std::shared_ptr<SessionStream> stream_state_;
  std::optional<beast::http::response<beast::http::empty_body>> stream_res_;
  std::optional<beast::http::response_serializer<beast::http::empty_body>> stream_sr_;
  bool stream_header_written_ = false;
  bool stream_writing_ = false;
  bool stream_done_ = false;
  int stream_status_ = 0;
  uint64_t stream_bytes_ = 0;
  std::string stream_pending_;
  std::array<char, 1024> watch_buf_{};
};

// The StreamWriter handed to handlers; thread-safe.
class SessionStream : public StreamWriter {
 public:
  SessionStream(std::weak_ptr<Session> session, net::any_io_executor executor, size_t queue_limit,
                std::shared_ptr<CancelSignal> cancel);
  bool write(std::string chunk) override;
  void finish() override;
  bool cancelled() const override { return cancel_->cancelled(); }
  void on_cancel(std::function<void()> callback) override {
    cancel_->on_cancel(std::move(callback));
  }

  // Session side (on the connection's thread).
  // The queued bytes and, read under the same lock, whether finish() was called:
  // "empty and finished" must be one observation, or a last write() slipping in
  // between would be dropped.
  std::string take_queued(bool& finished);
  void written(size_t bytes);
  void cancel();

 private:
  void schedule_pump();

  std::weak_ptr<Session> session_;
  net::any_io_executor executor_;
  size_t queue_limit_;
  std::shared_ptr<CancelSignal> cancel_;
  std::mutex mu_;
  std::condition_variable drained_;
  std::string queue_;
  size_t in_flight_bytes_ = 0;  // queued or being written
  bool finished_ = false;
  bool stopped_ = false;  // cancelled by the session
};

}  // namespace lfkit::http::detail
