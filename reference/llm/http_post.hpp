// One HTTP(S) POST whose response body is handed over as it arrives: what a streamed model
// call needs. Blocking (it runs on a run-pool thread), but every wait is bounded by an idle
// timeout and gives up as soon as the run is cancelled.
#pragma once

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

// Called once with the head, then with each piece of the body; returning false from on_body
// stops reading (the connection is closed). The result is the error of a failed exchange:
// no connection, TLS, a timeout, a cancelled run, a malformed response.
Expected<void, std::string> post(const EndpointUrl& url, const PostRequest& request,
                                 const std::function<void(const ResponseHead&)>& on_head,
                                 const std::function<bool(std::string_view)>& on_body);

}  // namespace lfkit::llm
