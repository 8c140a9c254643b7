// lfkit's HTTP/1.1 transport (Boost.Beast/Asio, hidden behind this header).
//
// Threading contract
// - ServerOptions::threads I/O threads, each running its own io_context.
//   Accepted connections (Sessions) are spread over them round-robin; a
//   connection stays on its thread, so its events never run concurrently;
//   different connections run in parallel.
// - The Handler is called on the connection's I/O thread once per complete
//   request. It must not block for long (it would stall every connection of
//   that thread): it either answers at once (exchange->respond(...)) or keeps
//   the shared_ptr<Exchange> and answers later from any thread. Every Exchange
//   must be answered exactly once, by respond() or start_stream(); an Exchange
//   destroyed unanswered gets a 500.
// - respond(), start_stream(), StreamWriter::write()/finish() are thread-safe:
//   they marshal onto the connection's thread (respond() runs inline there).
// - Streams: write() queues chunks. When more than ServerOptions::stream_queue_bytes
//   are queued, write() called from a non-I/O thread blocks until the client has
//   drained the queue (backpressure) or the stream is cancelled; called from an
//   I/O thread it never blocks (the queue grows instead: no deadlock).
//   write() returns false once the stream is cancelled: producers stop then.
// - Cancellation: a client that disconnects during a stream (or an async
//   response), a stalled write, or a forced shutdown cancels the exchange:
//   cancelled() turns true and on_cancel callbacks run once, on an I/O thread
//   (keep them short; they typically flip a flag of the producer).
// - Streaming responses use chunked transfer and close the connection after
//   the last chunk (Connection: close), so a stream never blocks keep-alive reuse.
//
// Transport-level answers (never reach the Handler), all {"detail": "..."} JSON
// and followed by closing the connection:
//   400 malformed request, 413 body over the limit picked by body_limit,
//   431 header block over header_limit_bytes. A connection idle or sending
//   headers slower than header_timeout is closed without an answer.
// CORS preflights (OPTIONS + Origin + Access-Control-Request-Method) are
// answered here; CORS headers are added to every other response.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/expected.hpp"
#include "http/access_log.hpp"
#include "http/cors.hpp"
#include "http/message.hpp"

namespace lfkit::http {

// Body size policy for one request, decided after its headers are read.
struct BodyLimit {
  uint64_t max_bytes = 1u << 20;
  std::string too_large_detail = "Request body is too large";  // the 413 "detail"
};

// `head` carries method, target, path, query and headers; its body is empty.
using BodyLimitFn = std::function<BodyLimit(const Request& head)>;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;     // 0 = ephemeral; see Server::port()
  unsigned threads = 0;  // 0 = std::thread::hardware_concurrency()
  size_t header_limit_bytes = 16 * 1024;
  BodyLimitFn body_limit;                            // unset: BodyLimit{} for every request
  std::chrono::milliseconds header_timeout{30'000};  // idle keep-alive and slow headers
  std::chrono::milliseconds body_timeout{300'000};   // whole body read
  std::chrono::milliseconds write_timeout{60'000};   // one response/chunk write
  std::chrono::milliseconds shutdown_grace{10'000};  // in-flight requests may finish
  size_t stream_queue_bytes = 1u << 20;              // backpressure threshold per stream
  CorsOptions cors;
  AccessLogSink access_log;  // unset: no access log
};

// A cancellation flag with callbacks, shared by an Exchange and its stream.
class CancelSignal {
 public:
  CancelSignal();
  bool cancelled() const;
  // Runs `callback` once on cancellation (at once if already cancelled).
  void on_cancel(std::function<void()> callback);
  // Sets the flag and runs the callbacks; later calls do nothing.
  void cancel();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

class StreamWriter {
 public:
  virtual ~StreamWriter() = default;
  // Queues one chunk (empty chunks are ignored). False once cancelled or finished.
  virtual bool write(std::string chunk) = 0;
  // Sends the terminating chunk after everything queued; idempotent.
  virtual void finish() = 0;
  virtual bool cancelled() const = 0;
  virtual void on_cancel(std::function<void()> callback) = 0;
};

class Exchange {
 public:
  virtual ~Exchange() = default;
  virtual const Request& request() const = 0;
  // Sends a complete response (Content-Length set by the transport).
  virtual void respond(Response response) = 0;
  // Starts a chunked response with `status` and `headers` (e.g. Content-Type:
  // text/event-stream); the returned writer streams the body.
  virtual std::shared_ptr<StreamWriter> start_stream(int status, Headers headers) = 0;
  virtual bool cancelled() const = 0;
  virtual void on_cancel(std::function<void()> callback) = 0;
};

using Handler = std::function<void(std::shared_ptr<Exchange>)>;

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();  // stop() and wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the I/O threads; returns at once.
  lfkit::Expected<void, std::string> start();
  // The bound port (valid after a successful start()).
  uint16_t port() const;
  // Graceful shutdown, thread-safe, returns at once: stop accepting, close idle
  // connections, let in-flight requests finish within shutdown_grace, then
  // close everything. Not async-signal-safe: use stop_on_signals() for signals.
  void stop();
  // Calls stop() on SIGINT/SIGTERM (through Asio's signal_set). Call after start().
  void stop_on_signals();
  // Blocks until every I/O thread has exited (after stop()).
  void wait();

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

// True on the I/O threads of any Server (used for the backpressure rule).
bool on_io_thread();

}  // namespace lfkit::http
