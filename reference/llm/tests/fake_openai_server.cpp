#include "fake_openai_server.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <nlohmann/json.hpp>

namespace lfkit::llm::testing {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;

FakeOpenAiServer::FakeOpenAiServer(Responder responder, int connections)
    : acceptor_(ioc_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
      responder_(std::move(responder)) {
  thread_ = std::thread([this, connections] {
    for (int i = 0; i < connections; ++i) {
      boost::system::error_code ec;
      Socket socket(ioc_);
      acceptor_.accept(socket, ec);
      if (ec) return;
      timeval ten_seconds{10, 0};  // a client that never sends cannot hang the test
      setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &ten_seconds, sizeof ten_seconds);
      boost::beast::flat_buffer buffer;
      Request request;
      http::read(socket, buffer, request, ec);
      if (ec) continue;
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      responder_(socket, request);
      socket.shutdown(tcp::socket::shutdown_both, ec);
    }
  });
}

FakeOpenAiServer::~FakeOpenAiServer() {
  boost::system::error_code ec;
  acceptor_.close(ec);  // unblocks accept when fewer connections came than expected
  thread_.join();
}

std::string FakeOpenAiServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/v1";
}

std::vector<Request> FakeOpenAiServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void FakeOpenAiServer::write(Socket& socket, const std::string& bytes) {
  boost::system::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
}

void FakeOpenAiServer::write_chunk(Socket& socket, const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  write(socket, size + data + "\r\n");
}

void FakeOpenAiServer::end_chunks(Socket& socket) {
  write(socket, "0\r\n\r\n");
}

void FakeOpenAiServer::wait_for_close(Socket& socket) {
  char byte;
  boost::system::error_code ec;
  socket.read_some(asio::buffer(&byte, 1), ec);
}

std::string sse_delta(const std::string& content) {
  nlohmann::json chunk = {{"id", "chatcmpl-1"},
                          {"object", "chat.completion.chunk"},
                          {"choices", {{{"index", 0}, {"delta", {{"content", content}}}}}}};
  return "data: " + chunk.dump() + "\n\n";
}

}  // namespace lfkit::llm::testing
