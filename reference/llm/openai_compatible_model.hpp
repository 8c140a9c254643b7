// The server's language model: an OpenAI-compatible chat-completions endpoint, streamed,
// when a base URL is configured (the component's openai_api_base, else the server's
// OPENAI_API_BASE); the deterministic stand-in (EchoLanguageModel) when none is.
//
// Calls are asynchronous: the model owns a small io_context (io_threads threads) on which
// every call's connection waits, so thousands of calls in flight hold no run or vertex
// thread. Asio completion handlers rather than coroutines: the engine's seam is a plain
// callback (the engine knows nothing of Asio), and a handler chain per call is what Beast's
// own clients do.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "engine/in_memory_services.hpp"
#include "engine/services.hpp"

namespace lfkit::llm {

struct ModelEndpointDefaults {
  std::string api_base;  // empty: components without their own base use the stand-in
  std::string api_key;   // sent to api_base when the component has no key of its own
  std::chrono::milliseconds idle_timeout{120'000};
  size_t io_threads = 1;  // threads waiting on every call's network I/O
};

class OpenAiCompatibleModel final : public engine::LanguageModel {
 public:
  explicit OpenAiCompatibleModel(ModelEndpointDefaults defaults);
  ~OpenAiCompatibleModel() override;  // ends the calls in flight, joins the I/O threads
  OpenAiCompatibleModel(const OpenAiCompatibleModel&) = delete;
  OpenAiCompatibleModel& operator=(const OpenAiCompatibleModel&) = delete;

  // Streams the completion's content deltas to on_token as they arrive. Failures are
  // values naming the endpoint: no connection, a non-200 answer (with the endpoint's own
  // message), a timeout, an error inside the stream, a cancelled run.
  engine::CompletionText complete(
      const engine::LanguageModelRequest& request,
      const std::function<bool(std::string_view chunk)>& on_token) override;
  // As complete(), returning at once: on_token and done run on the model's I/O threads
  // (the stand-in answers on the calling thread).
  void complete_async(const engine::LanguageModelRequest& request,
                      std::function<bool(std::string_view chunk)> on_token,
                      std::function<void(engine::CompletionText)> done) override;

 private:
  ModelEndpointDefaults defaults_;
  engine::EchoLanguageModel stand_in_;
  boost::asio::io_context ioc_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
};

}  // namespace lfkit::llm
