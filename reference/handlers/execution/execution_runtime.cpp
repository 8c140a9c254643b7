#include "handlers/execution/execution_runtime.hpp"

#include <condition_variable>
#include <mutex>

#include "common/wait_for_callback.hpp"
#include "handlers/execution/env_fallback_variables.hpp"
#include "jobs/run_record_buffer.hpp"
#include "jobs/store_services.hpp"
#include "lfkit/api/runtime.hpp"

namespace lfkit::handlers::execution {

Expected<store::Flow, HttpFailure> find_flow_by_id_or_name(const Runtime& runtime,
                                                           const std::string& id_or_name,
                                                           const std::string& caller_id) {
  store::Store& store = *runtime.services->store;
  const std::optional<std::string> uuid = api::canonical_uuid(id_or_name);
  // By id any owner's flow is found (the caller decides about 403); a name is the caller's.
  const std::string key = uuid ? "id\n" + *uuid : "name\n" + caller_id + "\n" + id_or_name;
  auto generation = store.flows_generation();  // taken before the read it vouches for
  if (generation) {
    if (auto cached = runtime.flows->find(key, *generation)) return **cached;
  }
  auto flow = uuid ? store.get_flow_unscoped(*uuid)
                   : store.find_flow_by_endpoint_name(caller_id, id_or_name);
  if (!flow) return unexpected(HttpFailure{404, "Flow identifier " + id_or_name + " not found"});
  if (generation) runtime.flows->put(key, *generation, std::make_shared<const store::Flow>(*flow));
  return std::move(*flow);
}

Expected<store::Flow, HttpFailure> find_webhook_flow(const Runtime& runtime,
                                                     const std::string& id_or_name,
                                                     const std::string& preferred_owner) {
  const bool by_id = api::canonical_uuid(id_or_name).has_value();
  if (by_id || !preferred_owner.empty()) {
    auto flow = find_flow_by_id_or_name(runtime, id_or_name, preferred_owner);
    if (flow || by_id) return flow;
  }
  auto flow = runtime.services->store->find_flow_by_endpoint_name_unscoped(id_or_name);
  if (!flow) return unexpected(HttpFailure{404, "Flow identifier " + id_or_name + " not found"});
  return std::move(*flow);
}

Expected<engine::FlowData, std::string> load_flow_data(const store::Flow& flow) {
  if (!flow.data_json) return unexpected("Flow " + flow.id + " has no data");
  auto document = nlohmann::json::parse(*flow.data_json, nullptr, false);
  if (document.is_discarded() || document.is_null())
    return unexpected("Flow " + flow.id + " has no data");
  auto data = engine::load_flow(document);
  if (!data) return unexpected(data.error().message);
  return std::move(*data);
}

std::optional<Expected<engine::FlowData, std::string>> sent_flow_data(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  auto it = body.find("data");
  if (it == body.end() || !it->is_object()) return std::nullopt;
  auto data = engine::load_flow(*it);
  if (!data) return unexpected(data.error().message);
  return std::move(*data);
}

namespace {

// What one run owns while it is in flight: its store-backed services, its stop (the caller's
// and the manager's shutdown both forward to it) and its place in the manager's count.
struct RunSession {
  RunSession(const Runtime& runtime, const engine::RunRequest& request, const std::string& owner_id,
             std::map<std::string, std::string> request_variables, HistoryScope history)
      : records(*runtime.services->store),
        messages(*runtime.services->store, owner_id, &records,
                 history == HistoryScope::visit ? std::optional(request.flow_id) : std::nullopt),
        recorder(*runtime.services->store, &records),
        variables(*runtime.services->store, runtime.services->box, owner_id,
                  std::move(request_variables)),
        resolved(variables, runtime.services->settings.fallback_to_env_var),
        tracked(runtime.jobs->track_run()) {}

  jobs::RunRecordBuffer records;  // flushed before `done` sees the outcome
  jobs::StoreMessageStore messages;
  jobs::StoreRunRecorder recorder;
  jobs::StoreVariableResolver variables;
  EnvFallbackVariableResolver resolved;  // `variables`, then the environment if configured
  std::stop_source stop;
  std::optional<std::stop_callback<std::function<void()>>> from_caller, from_shutdown;
  std::shared_ptr<void> tracked;
};

}  // namespace

void execute_async(const Runtime& runtime, const engine::FlowData& flow,
                   const engine::RunRequest& request, const std::string& owner_id,
                   std::map<std::string, std::string> request_variables,
                   std::shared_ptr<engine::EventSink> sink, std::stop_token stop,
                   HistoryScope history, std::function<void(engine::RunOutcome)> done) {
  auto session = std::make_shared<RunSession>(runtime, request, owner_id,
                                              std::move(request_variables), history);
  auto forward = [source = session->stop]() mutable { source.request_stop(); };
  session->from_caller.emplace(std::move(stop), forward);
  session->from_shutdown.emplace(runtime.jobs->shutdown_token(), forward);
  engine::RunServices services{&session->messages,
                               request.log_builds ? &session->recorder : nullptr,
                               &session->resolved, runtime.model.get()};
  engine::Executor executor(engine::builtin_registry(), runtime.jobs->vertex_pool(), services);
  executor.start(flow, request, *sink, session->stop.get_token(),
                 [session, sink, done = std::move(done)](engine::RunOutcome outcome) {
                   session->records.flush();
                   done(std::move(outcome));
                 });
}

engine::RunOutcome execute(const Runtime& runtime, const engine::FlowData& flow,
                           const engine::RunRequest& request, const std::string& owner_id,
                           std::map<std::string, std::string> request_variables,
                           engine::EventSink& sink, std::stop_token stop, HistoryScope history) {
  // The caller's sink lives on this (waiting) thread's stack: a non-owning handle to it.
  std::shared_ptr<engine::EventSink> borrowed(&sink, [](engine::EventSink*) {});
  return wait_for_callback<engine::RunOutcome>([&](auto done) {
    execute_async(runtime, flow, request, owner_id, std::move(request_variables), borrowed,
                  std::move(stop), history, std::move(done));
  });
}

nlohmann::json api_exception_detail(const std::string& message) {
  nlohmann::ordered_json body;
  body["message"] = message;
  body["traceback"] = nullptr;
  body["description"] = nullptr;
  body["code"] = nullptr;
  body["suggestion"] = nullptr;
  return body.dump();
}

void respond_failure(api::Context& ctx, const HttpFailure& failure) {
  ctx.respond_json(failure.status, nlohmann::json{{"detail", failure.detail}});
}

}  // namespace lfkit::handlers::execution
