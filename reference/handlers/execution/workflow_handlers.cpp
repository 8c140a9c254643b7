#include "handlers/execution/workflow_handlers.hpp"

#include "common/uuid.hpp"
#include "handlers/execution/workflow_response.hpp"
#include "jobs/store_services.hpp"

namespace lfkit::handlers::execution {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

// Structured error body: {"detail": {error, code, message, ...extra}}.
void respond_error(api::Context& ctx, int status, const std::string& error, const std::string& code,
                   const std::string& message,
                   std::initializer_list<std::pair<const char*, std::string>> extra = {}) {
  ojson detail;
  detail["error"] = error;
  detail["code"] = code;
  detail["message"] = message;
  for (const auto& [k, v] : extra) detail[k] = v;
  ctx.respond(http::json_response(status, ojson{{"detail", detail}}.dump()));
}

// The router-level gate every workflow route passes first.
bool developer_api_enabled(api::Context& ctx) {
  if (ctx.settings().developer_api_enabled) return true;
  respond_error(ctx, 403, "Developer API disabled", "DEVELOPER_API_DISABLED",
                "Developer API is not enabled. Contact administrator to enable this feature.");
  return false;
}

std::string status_name(const jobs::Job& job) {
  // /stop marks the job cancelled whatever state it had reached (as upstream's job table).
  if (job.stop_token().stop_requested()) return "cancelled";
  if (!job.done()) return job.started() ? "in_progress" : "queued";
  switch (job.status()) {
    case jobs::Job::Status::completed:
      return "completed";
    case jobs::Job::Status::cancelled:
      return "cancelled";
    default:
      return "failed";
  }
}

std::string job_id_text(const json& id) {
  return id.is_string() ? id.get<std::string>() : id.dump();
}

// A workflow job of the caller's, or null.
std::shared_ptr<jobs::Job> find_workflow_job(const Runtime& runtime, const std::string& id,
                                             const std::string& caller) {
  auto job = runtime.jobs->find(id);
  if (!job || job->kind() != "workflow" || job->owner_id() != caller) return nullptr;
  return job;
}

struct PreparedRun {
  engine::FlowData data;
  engine::RunRequest run;
};

}  // namespace

void WorkflowHandlers::execute_workflow(api::Context& ctx,
                                        const api::req::execute_workflow& request) {
  if (!developer_api_enabled(ctx)) return;
  const auto& body = request.body;
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto flow = find_flow_by_id_or_name(runtime_, body.flow_id, caller);
  if (!flow || !flow->user_id || *flow->user_id != caller)
    return respond_error(
        ctx, 404, "Flow not found", "FLOW_NOT_FOUND",
        "Flow '" + body.flow_id + "' does not exist. Verify the flow_id and try again.",
        {{"flow_id", body.flow_id}});
  if (body.stream && !body.background)
    return respond_error(ctx, 501, "Not implemented", "NOT_IMPLEMENTED",
                         "Streaming execution not yet implemented");

  const FlatInputs parsed = parse_flat_inputs(body.inputs);
  auto data = load_flow_data(*flow);
  if (!data) {
    const std::string message =
        !flow->data_json ? "Flow " + flow->id + " has no data. The flow may be corrupted."
                         : "Failed to build graph from flow data: " + data.error();
    return respond_error(ctx, 400, "Workflow validation error", "INVALID_FLOW_DATA", message,
                         {{"flow_id", body.flow_id}});
  }
  PreparedRun prepared{std::move(*data), {}};
  prepared.run.flow_id = flow->id;
  prepared.run.session_id = parsed.session_id;
  prepared.run.tweaks = parsed.tweaks;
  prepared.run.stream = false;
  prepared.run.abort_on_error = true;  // no input_value injection: inputs are tweaks
  auto variables = jobs::global_variables_from_headers(ctx.request().headers);
  const json inputs = body.inputs.is_object() ? body.inputs : json::object();

  if (body.background) {
    auto job = runtime_.jobs->start_async(
        caller, false,
        [runtime = runtime_, prepared, caller, variables, flow_id = body.flow_id, inputs](
            std::shared_ptr<jobs::Job> job, jobs::JobManager::FinishJob finish) mutable {
          prepared.run.job_id = job->id();
          auto data = std::make_shared<const engine::FlowData>(std::move(prepared.data));
          execute_async(
              runtime, *data, prepared.run, caller, std::move(variables),
              std::make_shared<engine::NullEventSink>(), job->stop_token(), HistoryScope::owner,
              [job, finish, data, flow_id, inputs](engine::RunOutcome outcome) {
                if (outcome.status == engine::RunOutcome::Status::cancelled)
                  return finish(jobs::Job::Status::cancelled);
                if (outcome.status == engine::RunOutcome::Status::failed)
                  return finish(jobs::Job::Status::failed);
                job->set_result(json::parse(
                    workflow_response(*data, outcome, flow_id, job->id(), inputs).dump()));
                finish(jobs::Job::Status::completed);
              });
        },
        "workflow");
    job->set_label(body.flow_id);
    ojson r;
    r["job_id"] = job->id();
    r["flow_id"] = body.flow_id;
    r["object"] = "job";
    r["status"] = "queued";
    r["errors"] = ojson::array();
    ctx.respond(http::json_response(200, r.dump()));
    return;
  }

  // Synchronous for the client. A quick flow (as for /run) runs right here; anything else on
  // the run pool, so this I/O thread goes on serving its other connections meanwhile.
  const bool quick = engine::is_quick_flow(engine::builtin_registry(), prepared.data);
  prepared.run.on_caller_thread = quick;
  auto run_and_answer = [runtime = runtime_, exchange = ctx.shared_exchange(),
                         prepared = std::move(prepared), caller, variables = std::move(variables),
                         flow_id = body.flow_id, inputs](std::stop_token) mutable {
    const std::string job_id = new_uuid();
    prepared.run.job_id = job_id;
    auto data = std::make_shared<const engine::FlowData>(std::move(prepared.data));
    execute_async(runtime, *data, prepared.run, caller, std::move(variables),
                  std::make_shared<engine::NullEventSink>(), {}, HistoryScope::owner,
                  [exchange, data, flow_id, job_id, inputs](engine::RunOutcome outcome) {
                    ojson response =
                        outcome.status == engine::RunOutcome::Status::completed
                            ? workflow_response(*data, outcome, flow_id, job_id, inputs)
                            : workflow_error_response(flow_id, job_id, inputs, outcome.error);
                    exchange->respond(http::json_response(200, response.dump()));
                  });
  };
  if (quick) return run_and_answer(std::stop_token{});
  runtime_.jobs->submit(std::move(run_and_answer));
}

void WorkflowHandlers::get_workflow_status(api::Context& ctx,
                                           const api::req::get_workflow_status& request) {
  if (!developer_api_enabled(ctx)) return;
  if (!request.job_id || request.job_id->empty())
    return respond_error(ctx, 400, "Missing required parameter", "MISSING_PARAMETER",
                         "Job ID must be provided");
  const std::string& id = *request.job_id;
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto job = find_workflow_job(runtime_, id, caller);
  if (!job)
    return respond_error(ctx, 404, "Job resource not found", "JOB_NOT_FOUND",
                         "Job " + id + " not found", {{"job_id", id}});
  const std::string status = status_name(*job);
  if (status == "completed") {
    if (auto result = job->result()) return ctx.respond_json(200, *result);
  }
  if (status == "failed")
    return respond_error(ctx, 500, "Job failed", "JOB_FAILED",
                         "Job " + id + " has failed execution.", {{"job_id", id}});
  ojson r;
  r["flow_id"] = job->label();
  r["job_id"] = id;
  r["object"] = "response";
  r["status"] = status;
  r["errors"] = ojson::array();
  r["inputs"] = ojson::object();
  r["outputs"] = ojson::object();
  ctx.respond(http::json_response(200, r.dump()));
}

void WorkflowHandlers::stop_workflow(api::Context& ctx, const api::req::stop_workflow& request) {
  if (!developer_api_enabled(ctx)) return;
  const std::string id = job_id_text(request.body.job_id);
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto job = find_workflow_job(runtime_, id, caller);
  if (!job)
    return respond_error(ctx, 404, "Job not found", "JOB_NOT_FOUND", "Job " + id + " not found",
                         {{"job_id", id}});
  const bool running = !job->done() && !job->stop_token().stop_requested();
  job->cancel();
  ojson r;
  r["job_id"] = id;
  r["message"] = running ? "Job " + id + " cancelled successfully."
                         : "Job " + id + " is already cancelled or finished executing.";
  ctx.respond(http::json_response(200, r.dump()));
}

}  // namespace lfkit::handlers::execution
