// An in-memory http::Exchange: records the response (or the streamed chunks)
// so the fuzz target can drive the whole App without sockets.
#pragma once

#include <condition_variable>
#include <mutex>

#include "http/server.hpp"

namespace lfkit::fuzz {

class FakeExchange : public http::Exchange, public std::enable_shared_from_this<FakeExchange> {
 public:
  explicit FakeExchange(http::Request request) : request_(std::move(request)) {}

  const http::Request& request() const override { return request_; }
  void respond(http::Response response) override;
  std::shared_ptr<http::StreamWriter> start_stream(int status, http::Headers headers) override;
  bool cancelled() const override { return false; }
  void on_cancel(std::function<void()>) override {}

  // The status once answered (a stream counts as answered when it starts),
  // or 0 when nothing answered within `seconds`.
  int wait_for_status(int seconds);
  // Ends a stream that is still open (the client "disconnects").
  void disconnect();

 private:
  void set_status(int status);

  http::Request request_;
  std::mutex mu_;
  std::condition_variable cv_;
  int status_ = 0;
  std::shared_ptr<http::StreamWriter> stream_;
};

}  // namespace lfkit::fuzz
