// One HTTP(S) POST run on an io_context without blocking any thread: the response body is
// handed over as it arrives, every wait is bounded by an idle timeout, and a stopped run
// closes the connection at once (from whichever thread requests the stop).
#pragma once

#include <boost/asio/any_io_executor.hpp>

#include <chrono>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/expected.hpp"
#include "llm/endpoint_url.hpp"

namespace lfkit::llm {

struct PostRequest {
  std::string target;  // e.g. "/v1/chat/completions"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds idle_timeout{120'000};  // longest wait for connect or any byte
  std::stop_token stop;
};

struct ResponseHead {
  int status = 0;
  std::string content_type;
};

struct PostCallbacks {
  std::function<void(const ResponseHead&)> on_head;
  // Each piece of the body; returning false stops reading (the connection is closed).
  std::function<bool(std::string_view)> on_body;
  // Exactly once, last: the error of a failed exchange (no connection, TLS, a timeout,
  // "cancelled", a malformed response), or success.
  std::function<void(Expected<void, std::string>)> on_done;
};

// Starts the exchange on `executor` (each call gets its own strand of it) and returns at once;
// the callbacks run on the executor's threads.
void async_post(const boost::asio::any_io_executor& executor, const EndpointUrl& url,
                PostRequest request, PostCallbacks callbacks);

}  // namespace lfkit::llm
