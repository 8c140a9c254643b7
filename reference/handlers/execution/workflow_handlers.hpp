// v2 Workflow tag (/api/v2/workflows): developer-API gated synchronous runs that
// answer with the flow's terminal outputs, background jobs with status and stop.
// Streaming mode answers 501 NOT_IMPLEMENTED as the upstream version mirrored here.
#pragma once

#include "handlers/execution/execution_runtime.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::execution {

class WorkflowHandlers final : public api::WorkflowHandlers {
 public:
  WorkflowHandlers(Runtime runtime, std::shared_ptr<jobs::JobManager> owner)
      : runtime_(std::move(runtime)), owner_(std::move(owner)) {}
  void get_workflow_status(api::Context& ctx,
                           const api::req::get_workflow_status& request) override;
  void execute_workflow(api::Context& ctx, const api::req::execute_workflow& request) override;
  void stop_workflow(api::Context& ctx, const api::req::stop_workflow& request) override;

 private:
  Runtime runtime_;
  std::shared_ptr<jobs::JobManager> owner_;  // keeps runtime_.jobs alive
};

}  // namespace lfkit::handlers::execution
