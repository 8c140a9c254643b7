#include "scripted_http_server.hpp"

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <cstdio>
#include <list>
#include <mutex>
#include <thread>

namespace lfkit::conformance::testing {
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct ScriptedHttpServer::State {
  ReplyScript script;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  std::thread accept_thread;
  std::mutex mutex;
  std::list<std::thread> workers;
  std::list<std::shared_ptr<tcp::socket>> sockets;
  unsigned short port = acceptor.local_endpoint().port();
  std::atomic<bool> stopping{false};
  std::atomic<int> connections{0};
  std::atomic<int> requests{0};

  void serve(std::shared_ptr<tcp::socket> socket) {
    boost::system::error_code ec;
    asio::streambuf buffer;
    while (!stopping) {
      const auto header_end = asio::read_until(*socket, buffer, "\r\n\r\n", ec);
      if (ec) return;
      std::string data(asio::buffers_begin(buffer.data()), asio::buffers_end(buffer.data()));
      std::string request = data.substr(0, header_end);
      buffer.consume(header_end);
      std::size_t length = 0;
      auto pos = request.find("Content-Length: ");
      if (pos == std::string::npos) pos = request.find("content-length: ");
      if (pos != std::string::npos) length = std::stoul(request.substr(pos + 16));
      if (buffer.size() < length)
        asio::read(*socket, buffer, asio::transfer_exactly(length - buffer.size()), ec);
      if (ec) return;
      std::string body(asio::buffers_begin(buffer.data()),
                       asio::buffers_begin(buffer.data()) + static_cast<std::ptrdiff_t>(length));
      buffer.consume(length);
      ++requests;
      auto reply = script(request + body);
      for (const auto& piece : reply.pieces) {
        // Sleep in slices so the destructor does not wait out long delays.
        const auto wake = std::chrono::steady_clock::now() + piece.delay_before;
        while (!stopping && std::chrono::steady_clock::now() < wake) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (stopping) return;
        asio::write(*socket, asio::buffer(piece.bytes), ec);
        if (ec) return;
      }
      if (reply.close_after) {
        socket->shutdown(tcp::socket::shutdown_both, ec);
        return;
      }
    }
  }
};

ScriptedHttpServer::ScriptedHttpServer(ReplyScript script) : state_(std::make_unique<State>()) {
  state_->script = std::move(script);
  state_->accept_thread = std::thread([s = state_.get()] {
    while (!s->stopping) {
      auto socket = std::make_shared<tcp::socket>(s->ioc);
      boost::system::error_code ec;
      s->acceptor.accept(*socket, ec);
      if (ec || s->stopping) return;
      ++s->connections;
      std::lock_guard lock(s->mutex);
      s->sockets.push_back(socket);
      s->workers.emplace_back([s, socket] { s->serve(socket); });
    }
  });
}

ScriptedHttpServer::~ScriptedHttpServer() {
  state_->stopping = true;
  boost::system::error_code ec;
  {
    // Wake the blocked accept() by connecting once; it then sees `stopping`.
    asio::io_context ioc;
    tcp::socket poke(ioc);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), state_->port), ec);
  }
  state_->accept_thread.join();
  state_->acceptor.close(ec);
  std::lock_guard lock(state_->mutex);
  for (auto& socket : state_->sockets) {
    socket->shutdown(tcp::socket::shutdown_both, ec);
    socket->close(ec);
  }
  for (auto& worker : state_->workers) worker.join();
}

unsigned short ScriptedHttpServer::port() const {
  return state_->port;
}
std::string ScriptedHttpServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(state_->port);
}
int ScriptedHttpServer::connections_accepted() const {
  return state_->connections;
}
int ScriptedHttpServer::requests_served() const {
  return state_->requests;
}

std::string http_head(int status, const std::string& content_type,
                      const std::vector<std::string>& extra_headers, bool chunked,
                      std::size_t content_length) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\n";
  if (!content_type.empty()) out += "Content-Type: " + content_type + "\r\n";
  for (const auto& h : extra_headers) out += h + "\r\n";
  out += chunked ? std::string("Transfer-Encoding: chunked\r\n")
                 : "Content-Length: " + std::to_string(content_length) + "\r\n";
  return out + "\r\n";
}

std::string chunk(const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return size + data + "\r\n";
}

ScriptedReply simple_reply(int status, const std::string& content_type, const std::string& body,
                           const std::vector<std::string>& extra_headers) {
  return {{{http_head(status, content_type, extra_headers, false, body.size()) + body, {}}}, false};
}

}  // namespace lfkit::conformance::testing
