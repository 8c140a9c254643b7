// A blocking Beast client for the transport tests (127.0.0.1 only).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <string>

namespace lfkit::http::testing {

using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

class TestClient {
 public:
  explicit TestClient(uint16_t port);
  // Sends raw bytes as they are.
  void send_raw(const std::string& bytes);
  // Sends a well-formed HTTP/1.1 request.
  void send(const std::string& method, const std::string& target, const std::string& body = "",
            const std::string& extra_headers = "");
  // Reads one complete response (throws on I/O error).
  BeastResponse read_response();
  // Reads until the peer closes; true when it did within `limit`.
  bool closed_within(std::chrono::milliseconds limit);
  // Reads raw bytes until `needle` has been seen; returns everything read.
  std::string read_until(const std::string& needle);
  void close();

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
  std::string raw_;  // bytes read by read_until and not yet consumed
};

}  // namespace lfkit::http::testing
