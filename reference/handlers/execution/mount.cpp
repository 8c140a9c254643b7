// Mounts this module's handler groups: Base (run, webhook, version, config, all, ...)
// Chat (build jobs), Validate, v2 Workflow and OpenAI Responses.
#include <algorithm>
#include <thread>

#include "handlers/execution/base_handlers.hpp"
#include "handlers/execution/chat_handlers.hpp"
#include "handlers/execution/openai_responses_handlers.hpp"
#include "handlers/execution/validate_handlers.hpp"
#include "handlers/execution/workflow_handlers.hpp"
#include "handlers/mount.hpp"
#include "llm/openai_compatible_model.hpp"

namespace lfkit::handlers {

std::shared_ptr<jobs::JobManager> make_job_manager() {
  // One process-wide pool pair: whole runs (mostly waiting on their vertices or on
  // slow stream readers, hence more threads than cores) and the vertex builds.
  const size_t cores = std::max(2u, std::thread::hardware_concurrency());
  return std::make_shared<jobs::JobManager>(
      jobs::JobOptions{std::max<size_t>(8, 2 * cores), cores});
}

void mount_execution(api::HandlerSet& set, const MountContext& context) {
  execution::Runtime runtime;
  runtime.services = context.services;
  if (context.services) {
    const config::Settings& settings = context.services->settings;
    runtime.model = std::make_shared<llm::OpenAiCompatibleModel>(
        llm::ModelEndpointDefaults{settings.openai_api_base, settings.openai_api_key,
                                   std::chrono::milliseconds(settings.llm_timeout_ms)});
  }
  const std::shared_ptr<jobs::JobManager>& manager = context.jobs;
  runtime.jobs = manager.get();
  set.base = std::make_shared<execution::BaseHandlers>(runtime, manager);
  set.chat = std::make_shared<execution::ChatHandlers>(runtime, manager);
  set.validate = std::make_shared<execution::ValidateHandlers>();
  set.openairesponsesapi = std::make_shared<execution::OpenAIResponsesHandlers>(runtime, manager);
  set.workflow = std::make_shared<execution::WorkflowHandlers>(runtime, manager);
}

}  // namespace lfkit::handlers
