#include "test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <thread>

namespace lfkit::http::testing {

namespace net = boost::asio;
using tcp = net::ip::tcp;

TestClient::TestClient(uint16_t port) : socket_(ioc_) {
  socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

void TestClient::send_raw(const std::string& bytes) {
  net::write(socket_, net::buffer(bytes));
}

void TestClient::send(const std::string& method, const std::string& target, const std::string& body,
                      const std::string& extra_headers) {
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers;
  if (!body.empty() || method == "POST")
    req += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  req += "\r\n" + body;
  send_raw(req);
}

BeastResponse TestClient::read_response() {
  BeastResponse res;
  boost::beast::http::read(socket_, buffer_, res);
  return res;
}

bool TestClient::closed_within(std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  socket_.non_blocking(true);
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    boost::system::error_code ec;
    socket_.read_some(net::buffer(buf), ec);
    if (ec == net::error::would_block) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (ec) return true;  // EOF or reset
  }
  return false;
}

std::string TestClient::read_until(const std::string& needle) {
  net::read_until(socket_, net::dynamic_buffer(raw_), needle);
  return raw_;
}

void TestClient::close() {
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
}

}  // namespace lfkit::http::testing
