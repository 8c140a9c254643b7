// An OpenAI-compatible endpoint on 127.0.0.1 that holds every call until `expected` calls are
// waiting at once, then streams each its answer: only a client that keeps that many calls in
// flight together gets answers. A call still held after `patience` gets a 503 instead, so a
// client that cannot reach the barrier fails in bounded time rather than hanging.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace lfkit::llm::testing {

class BarrierEndpoint {
 public:
  BarrierEndpoint(size_t expected, std::chrono::milliseconds patience);
  ~BarrierEndpoint();  // stops accepting, joins every connection's thread

  std::string base_url() const;  // "http://127.0.0.1:<port>/v1"
  size_t most_waiting() const;   // the most calls ever held at the barrier together

 private:
  void serve(boost::asio::ip::tcp::socket socket);

  const size_t expected_;
  const std::chrono::milliseconds patience_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  size_t waiting_ = 0, most_waiting_ = 0;
  bool released_ = false;
  std::vector<std::thread> connections_;  // guarded by mutex_
  std::thread acceptor_thread_;
};

}  // namespace lfkit::llm::testing
