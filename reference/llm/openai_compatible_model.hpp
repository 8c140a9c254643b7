// The server's language model: an OpenAI-compatible chat-completions endpoint, streamed,
// when a base URL is configured (the component's openai_api_base, else the server's
// OPENAI_API_BASE); the deterministic stand-in (EchoLanguageModel) when none is.
#pragma once

#include <chrono>
#include <string>

#include "engine/in_memory_services.hpp"
#include "engine/services.hpp"

namespace lfkit::llm {

struct ModelEndpointDefaults {
  std::string api_base;  // empty: components without their own base use the stand-in
  std::string api_key;   // sent to api_base when the component has no key of its own
  std::chrono::milliseconds idle_timeout{120'000};
};

class OpenAiCompatibleModel final : public engine::LanguageModel {
 public:
  explicit OpenAiCompatibleModel(ModelEndpointDefaults defaults) : defaults_(std::move(defaults)) {}

  // Streams the completion's content deltas to on_token as they arrive. Failures are
  // values naming the endpoint: no connection, a non-200 answer (with the endpoint's own
  // message), a timeout, an error inside the stream, a cancelled run.
  Expected<std::string, std::string> complete(
      const engine::LanguageModelRequest& request,
      const std::function<bool(std::string_view chunk)>& on_token) override;

 private:
  ModelEndpointDefaults defaults_;
  engine::EchoLanguageModel stand_in_;
};

}  // namespace lfkit::llm
