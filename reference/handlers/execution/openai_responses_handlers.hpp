// OpenAI Responses API (/api/v1/responses): `model` names the flow, `input` goes to
// its ChatInput, previous_response_id continues a session; errors are HTTP 200
// {"error": ...} bodies and streams are genuine SSE `data:` chunks, as upstream.
#pragma once

#include "handlers/execution/execution_runtime.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::execution {

class OpenAIResponsesHandlers final : public api::OpenairesponsesapiHandlers {
 public:
  OpenAIResponsesHandlers(Runtime runtime, std::shared_ptr<jobs::JobManager> owner)
      : runtime_(std::move(runtime)), owner_(std::move(owner)) {}
  void create_response(api::Context& ctx, const api::req::create_response& request) override;

 private:
  Runtime runtime_;
  std::shared_ptr<jobs::JobManager> owner_;  // keeps runtime_.jobs alive
};

}  // namespace lfkit::handlers::execution
