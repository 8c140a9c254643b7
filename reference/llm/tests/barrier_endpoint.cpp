#include "barrier_endpoint.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "fake_openai_server.hpp"

namespace lfkit::llm::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

BarrierEndpoint::BarrierEndpoint(size_t expected, std::chrono::milliseconds patience)
    : expected_(expected),
      patience_(patience),
      acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  acceptor_thread_ = std::thread([this] {
    for (size_t i = 0; i < 4 * expected_; ++i) {  // bounded: a test makes `expected` calls
      boost::system::error_code ec;
      tcp::socket socket(ioc_);
      acceptor_.accept(socket, ec);
      if (ec) return;
      std::lock_guard lock(mutex_);
      connections_.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
    }
  });
}

BarrierEndpoint::~BarrierEndpoint() {
  // shutdown() wakes a thread blocked in accept() (close() alone does not, on Linux).
  ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
  boost::system::error_code ec;
  acceptor_.close(ec);
  acceptor_thread_.join();
  std::vector<std::thread> connections;  // none is added once the acceptor has stopped
  {
    std::lock_guard lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& t : connections) t.join();
}

std::string BarrierEndpoint::base_url() const {
  return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/v1";
}

size_t BarrierEndpoint::most_waiting() const {
  std::lock_guard lock(mutex_);
  return most_waiting_;
}

void BarrierEndpoint::serve(tcp::socket socket) {
  timeval ten_seconds{10, 0};  // a client that never sends cannot hang the test
  setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &ten_seconds, sizeof ten_seconds);
  boost::beast::flat_buffer buffer;
  http::request<http::string_body> request;
  boost::system::error_code ec;
  http::read(socket, buffer, request, ec);
  if (ec) return;
  bool released = false;
  {
    std::unique_lock lock(mutex_);
    ++waiting_;
    most_waiting_ = std::max(most_waiting_, waiting_);
    if (waiting_ >= expected_) released_ = true;
    arrived_.notify_all();
    released = arrived_.wait_for(lock, patience_, [this] { return released_; });
    --waiting_;
  }
  if (!released) {
    const std::string body = R"({"error":{"message":"the barrier was never reached"}})";
    FakeOpenAiServer::write(socket,
                            "HTTP/1.1 503 X\r\nContent-Type: application/json\r\n"
                            "Content-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body);
  } else {
    FakeOpenAiServer::write(socket,
                            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                            "Transfer-Encoding: chunked\r\n\r\n");
    for (const char* piece : {"all ", "at ", "once"})
      FakeOpenAiServer::write_chunk(socket, sse_delta(piece));
    FakeOpenAiServer::write_chunk(socket, "data: [DONE]\n\n");
    FakeOpenAiServer::end_chunks(socket);
  }
  socket.shutdown(tcp::socket::shutdown_both, ec);
}

}  // namespace lfkit::llm::testing
