#include "handlers/execution/chat_handlers.hpp"

#include "api/auth_guard.hpp"
#include "handlers/execution/uuid5.hpp"
#include "http/cookies.hpp"
#include "jobs/event_framing.hpp"

namespace lfkit::handlers::execution {
namespace {

using nlohmann::json;

// Frames each engine event into the job's queue.
class JobSink final : public engine::EventSink {
 public:
  explicit JobSink(std::shared_ptr<jobs::Job> job) : job_(std::move(job)) {}
  void on_event(std::string_view name, const json& data) override {
    job_->push(jobs::frame_event(name, data));
  }

 private:
  std::shared_ptr<jobs::Job> job_;
};

struct BuildPlan {
  std::string flow_id;  // stamped on messages/builds (the virtual id for public flows)
  std::string owner_id;
  bool is_public = false;
  Expected<engine::FlowData, std::string> data = unexpected(std::string());
  engine::RunRequest run;
};

std::string job_not_found(const std::string& job_id) {
  return "Job not found: Job queue not found for job_id: " + job_id;
}

void apply_inputs(engine::RunRequest& run,
                  const std::optional<api::model::InputValueRequest>& inputs) {
  if (!inputs) return;
  run.input_value = inputs->input_value;
  run.input_type = inputs->type;
  run.input_components = inputs->components;
  if (inputs->session) run.session_id = inputs->session;
}

const char* kNdjson = "application/x-ndjson";

void stream_job(api::Context& ctx, const std::shared_ptr<jobs::Job>& job) {
  http::Headers headers;
  headers.set("Content-Type", kNdjson);
  auto writer = ctx.exchange().start_stream(200, std::move(headers));
  if (writer) job->attach_stream(writer);
}

void poll_job(api::Context& ctx, const std::shared_ptr<jobs::Job>& job) {
  auto join = [](const jobs::Job::Batch& batch) {
    std::string body;
    for (size_t i = 0; i < batch.size(); ++i) body += (i ? "\n" : "") + batch[i];
    return body;
  };
  if (auto ready = job->take()) {
    http::Response r;
    r.status = 200;
    r.headers.set("Content-Type", kNdjson);
    r.body = join(*ready);
    ctx.respond(std::move(r));
    return;
  }
  // Nothing queued yet: upstream waits for the next event; the answer is sent
  // when it arrives (as a chunked body, so no I/O thread waits).
  http::Headers headers;
  headers.set("Content-Type", kNdjson);
  auto stream = ctx.exchange().start_stream(200, std::move(headers));
  if (!stream) return;
  auto ready = job->poll([stream, join](jobs::Job::Batch batch) {
    stream->write(join(batch));
    stream->finish();
  });
  if (ready) {
    stream->write(join(*ready));
    stream->finish();
  }
}

void deliver_events(api::Context& ctx, const std::shared_ptr<jobs::Job>& job,
                    const std::string& event_delivery) {
  if (event_delivery == "polling") return poll_job(ctx, job);
  stream_job(ctx, job);
}

void start(api::Context& ctx, const Runtime& runtime, BuildPlan plan,
           const std::string& event_delivery) {
  auto job = runtime.jobs->start_async(
      plan.owner_id, plan.is_public,
      [runtime, plan](std::shared_ptr<jobs::Job> job, jobs::JobManager::FinishJob finish) mutable {
        if (!plan.data) {
          job->push(jobs::frame_event(
              engine::event::error,
              engine::error_message_payload(plan.data.error(), plan.flow_id,
                                            plan.run.session_id.value_or(plan.flow_id))));
          return finish(jobs::Job::Status::failed);
        }
        plan.run.job_id = job->id();
        execute_async(runtime, *plan.data, plan.run, plan.owner_id, {},
                      std::make_shared<JobSink>(job), job->stop_token(),
                      plan.is_public ? HistoryScope::visit : HistoryScope::owner,
                      [finish](engine::RunOutcome outcome) {
                        switch (outcome.status) {
                          case engine::RunOutcome::Status::completed:
                            return finish(jobs::Job::Status::completed);
                          case engine::RunOutcome::Status::cancelled:
                            return finish(jobs::Job::Status::cancelled);
                          case engine::RunOutcome::Status::failed:
                            break;
                        }
                        finish(jobs::Job::Status::failed);
                      });
      });
  if (event_delivery == "direct") return stream_job(ctx, job);
  ctx.respond_json(200, {{"job_id", job->id()}});
}

// A /build job (workflow jobs live in the same registry but are not builds).
std::shared_ptr<jobs::Job> find_build_job(const Runtime& runtime, const std::string& job_id) {
  auto job = runtime.jobs->find(job_id);
  return job && job->kind() == "build" ? job : nullptr;
}

// A job the caller may read: its own, or any public-flow job.
std::shared_ptr<jobs::Job> visible_job(const Runtime& runtime, const std::string& job_id,
                                       const std::optional<api::Caller>& caller) {
  auto job = find_build_job(runtime, job_id);
  if (!job) return nullptr;
  if (job->is_public()) return job;
  if (caller && caller->user_id == job->owner_id()) return job;
  return nullptr;
}

void cancel(api::Context& ctx, const std::shared_ptr<jobs::Job>& job, const std::string& job_id) {
  if (!job) return ctx.respond_detail(404, job_not_found(job_id));
  // Cancelling a finished build still counts as success (nothing left to stop).
  job->cancel();
  ctx.respond_json(200, {{"success", true}, {"message", "Flow build cancelled successfully"}});
}

// The flows's graph from the body's `data` when sent, else the stored one.
Expected<engine::FlowData, std::string> graph_for_build(const store::Flow& flow,
                                                        const json& body_json) {
  if (auto sent = sent_flow_data(body_json)) return std::move(*sent);
  return load_flow_data(flow);
}

}  // namespace

void ChatHandlers::build_flow(api::Context& ctx, const api::req::build_flow& request) {
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto flow = runtime_.services->store->get_flow(caller, request.flow_id);
  if (!flow) return ctx.respond_detail(404, "Flow with id " + request.flow_id + " not found");
  BuildPlan plan;
  plan.flow_id = flow->id;
  plan.owner_id = caller;
  plan.data = graph_for_build(*flow, request.body_json);
  plan.run.flow_id = flow->id;
  plan.run.log_builds = request.log_builds;
  plan.run.sort.start_component_id = request.start_component_id;
  plan.run.sort.stop_component_id = request.stop_component_id;
  plan.run.emit_build_start = true;
  plan.run.end_with_build_duration = true;
  if (request.body) apply_inputs(plan.run, request.body->inputs);
  start(ctx, runtime_, std::move(plan), request.event_delivery);
}

void ChatHandlers::build_public_tmp(api::Context& ctx, const api::req::build_public_tmp& request) {
  // The visitor: a signed-in user (credentials are optional here) before the client_id cookie.
  std::optional<std::string> visitor;
  std::optional<std::string> visitor_user;  // owns the visit's stored messages when signed in
  auto signed_in = api::authenticate(api::Auth::optional, ctx.request(), *runtime_.services);
  if (signed_in && *signed_in) visitor = visitor_user = (*signed_in)->user_id;
  if (auto header = ctx.request().headers.find("cookie"); header && !visitor) {
    auto cookies = http::parse_cookie_header(*header);
    if (auto it = cookies.find("client_id"); it != cookies.end() && !it->second.empty())
      visitor = it->second;
  }
  if (!visitor) return ctx.respond_detail(400, "No client_id cookie found");
  auto flow = runtime_.services->store->get_flow_unscoped(request.flow_id);
  if (!flow || flow->access_type != "PUBLIC") return ctx.respond_detail(403, "Flow is not public");
  if (!flow->user_id) return ctx.respond_detail(403, "Flow is not accessible");
  // Each visitor gets its own virtual flow id, so sessions never mix; the stored
  // definition always runs, under the owner's identity.
  const std::string virtual_id = uuid5_dns(*visitor + "_" + request.flow_id);
  if (auto recorded =
          runtime_.services->store->ensure_virtual_flow(virtual_id, visitor_user, flow->id);
      !recorded) {
    return ctx.respond_detail(500, "Could not record the public flow visit");
  }
  BuildPlan plan;
  plan.flow_id = virtual_id;
  plan.owner_id = *flow->user_id;
  plan.is_public = true;
  plan.data = load_flow_data(*flow);
  plan.run.flow_id = virtual_id;
  plan.run.log_builds = request.log_builds;
  plan.run.sort.start_component_id = request.start_component_id;
  plan.run.sort.stop_component_id = request.stop_component_id;
  plan.run.emit_build_start = true;
  plan.run.end_with_build_duration = true;
  if (request.body) apply_inputs(plan.run, request.body->inputs);
  start(ctx, runtime_, std::move(plan), request.event_delivery);
}

void ChatHandlers::get_build_events(api::Context& ctx, const api::req::get_build_events& request) {
  auto job = visible_job(runtime_, request.job_id, ctx.caller());
  if (!job) return ctx.respond_detail(404, job_not_found(request.job_id));
  deliver_events(ctx, job, request.event_delivery);
}

void ChatHandlers::get_build_events_public(api::Context& ctx,
                                           const api::req::get_build_events_public& request) {
  auto job = find_build_job(runtime_, request.job_id);
  if (!job || !job->is_public()) return ctx.respond_detail(404, job_not_found(request.job_id));
  deliver_events(ctx, job, request.event_delivery);
}

void ChatHandlers::cancel_build(api::Context& ctx, const api::req::cancel_build& request) {
  cancel(ctx, visible_job(runtime_, request.job_id, ctx.caller()), request.job_id);
}

void ChatHandlers::cancel_build_public(api::Context& ctx,
                                       const api::req::cancel_build_public& request) {
  auto job = find_build_job(runtime_, request.job_id);
  cancel(ctx, job && job->is_public() ? job : nullptr, request.job_id);
}

void ChatHandlers::retrieve_vertices_order(api::Context& ctx,
                                           const api::req::retrieve_vertices_order& request) {
  vertices_.retrieve_vertices_order(ctx, request);
}

void ChatHandlers::build_vertex(api::Context& ctx, const api::req::build_vertex& request) {
  vertices_.build_vertex(ctx, request);
}

void ChatHandlers::build_vertex_stream(api::Context& ctx,
                                       const api::req::build_vertex_stream& request) {
  vertices_.build_vertex_stream(ctx, request);
}

}  // namespace lfkit::handlers::execution
