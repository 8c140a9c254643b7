#include "handlers/execution/execution_runtime.hpp"

#include "handlers/execution/env_fallback_variables.hpp"
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

engine::RunOutcome execute(const Runtime& runtime, const engine::FlowData& flow,
                           const engine::RunRequest& request, const std::string& owner_id,
                           std::map<std::string, std::string> request_variables,
                           engine::EventSink& sink, std::stop_token stop, HistoryScope history) {
  store::Store& store = *runtime.services->store;
  jobs::RunRecordBuffer records(store);  // flushed below, before any terminal event is sent
  jobs::StoreMessageStore messages(
      store, owner_id, &records,
      history == HistoryScope::visit ? std::optional(request.flow_id) : std::nullopt);
  jobs::StoreRunRecorder recorder(store, &records);
  jobs::StoreVariableResolver stored(store, runtime.services->box, owner_id,
                                     std::move(request_variables));
  EnvFallbackVariableResolver variables(stored, runtime.services->settings.fallback_to_env_var);
  engine::RunServices services{&messages, request.log_builds ? &recorder : nullptr, &variables,
                               runtime.model.get()};
  engine::Executor executor(engine::builtin_registry(), runtime.jobs->vertex_pool(), services);
  engine::RunOutcome outcome = executor.run(flow, request, sink, std::move(stop));
  records.flush();
  return outcome;
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
