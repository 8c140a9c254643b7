// A one-thread OpenAI-compatible endpoint on 127.0.0.1 for tests: each accepted connection's
// request is recorded, then a test-supplied responder writes raw bytes back (so a test can
// chunk, stall or fail exactly as it wants).
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

namespace lfkit::llm::testing {

using Socket = boost::asio::ip::tcp::socket;
using Request = boost::beast::http::request<boost::beast::http::string_body>;

class FakeOpenAiServer {
 public:
  using Responder = std::function<void(Socket&, const Request&)>;

  // Serves `connections` connections, then stops accepting.
  FakeOpenAiServer(Responder responder, int connections = 1);
  ~FakeOpenAiServer();

  std::string base_url() const;  // "http://127.0.0.1:<port>/v1"
  std::vector<Request> requests() const;

  // Helpers for responders.
  static void write(Socket& socket, const std::string& bytes);
  static void write_chunk(Socket& socket, const std::string& data);  // chunked encoding
  static void end_chunks(Socket& socket);
  // Blocks until the client closes the connection (or 10 s pass): a stalled endpoint.
  static void wait_for_close(Socket& socket);

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  Responder responder_;
  mutable std::mutex mutex_;
  std::vector<Request> requests_;
  std::thread thread_;
};

// An SSE "data:" event of a chat-completions chunk carrying `content`.
std::string sse_delta(const std::string& content);

}  // namespace lfkit::llm::testing
