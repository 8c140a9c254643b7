// What the execution handlers share: the server's services, the job manager and
// the steps every run takes (find the flow, wire store-backed engine services,
// execute, turn failures into upstream's HTTP answers).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

#include <nlohmann/json.hpp>

#include "api/auth_services.hpp"
#include "api/context.hpp"
#include "common/expected.hpp"
#include "common/generation_cache.hpp"
#include "engine/engine.hpp"
#include "handlers/execution/flow_graph_cache.hpp"
#include "jobs/job_manager.hpp"

namespace lfkit::handlers::execution {

// Copied into every run task. The job manager is referenced, not owned: tasks run on
// its own pools, which its destructor joins, so it outlives them; the server and the
// handler objects own it (a task never holds the last reference and so never
// destroys the pool it runs on).
// Flow rows the run endpoints looked up (by id, or by a caller's endpoint name), reused while
// the store's flows_generation stands: a run then reads nothing from the database.
class FlowLookupCache : public GenerationCache<std::shared_ptr<const store::Flow>> {
 public:
  FlowLookupCache()
      : GenerationCache(8u << 20, [](const std::shared_ptr<const store::Flow>& f) {
          return sizeof(store::Flow) + (f->data_json ? f->data_json->size() : 0);
        }) {}
};

struct Runtime {
  std::shared_ptr<const api::Services> services;
  jobs::JobManager* jobs = nullptr;
  std::shared_ptr<FlowGraphCache> graphs = std::make_shared<FlowGraphCache>();
  std::shared_ptr<FlowLookupCache> flows = std::make_shared<FlowLookupCache>();
  // What every LLM/Agent component calls (an OpenAI-compatible endpoint or the stand-in).
  std::shared_ptr<engine::LanguageModel> model;
};

struct HttpFailure {
  int status = 500;
  nlohmann::json detail;  // string or object, sent as {"detail": ...}
};

// /run, /run/advanced: a UUID is looked up by id (any owner: the caller decides
// about 403), anything else as the caller's endpoint_name.
Expected<store::Flow, HttpFailure> find_flow_by_id_or_name(const Runtime& runtime,
                                                           const std::string& id_or_name,
                                                           const std::string& caller_id);

// /webhook: a UUID by id, a name among `preferred_owner`'s flows first (when given),
// then among every owner's flows (the first match, as upstream's unscoped query).
Expected<store::Flow, HttpFailure> find_webhook_flow(const Runtime& runtime,
                                                     const std::string& id_or_name,
                                                     const std::string& preferred_owner);

// The flow's graph, or upstream's message for a flow without data / a bad graph.
Expected<engine::FlowData, std::string> load_flow_data(const store::Flow& flow);

// The graph a build request sends in its body's `data` (used unsaved), or nullopt when it
// sends none and the stored flow is meant.
std::optional<Expected<engine::FlowData, std::string>> sent_flow_data(const nlohmann::json& body);

// Whose chat history a run's Memory components read: the owner's sessions, or, for a public
// playground visit (run under the owner's identity), only the visit's own messages.
enum class HistoryScope { owner, visit };

// Starts `flow` with store-backed services for `owner_id` and returns without waiting: the
// run holds no thread while a model answers. `done` gets the outcome once the run's records
// are written, on the thread that finished the run (a vertex-pool thread, or this one for a
// run that never waits). The run stops with `stop` and when the job manager shuts down,
// which waits for it. `sink` is kept alive until `done` has been called.
void execute_async(const Runtime& runtime, const engine::FlowData& flow,
                   const engine::RunRequest& request, const std::string& owner_id,
                   std::map<std::string, std::string> request_variables,
                   std::shared_ptr<engine::EventSink> sink, std::stop_token stop,
                   HistoryScope history, std::function<void(engine::RunOutcome)> done);

// execute_async, waiting on the calling thread for the outcome (endpoints that wait anyway).
engine::RunOutcome execute(const Runtime& runtime, const engine::FlowData& flow,
                           const engine::RunRequest& request, const std::string& owner_id,
                           std::map<std::string, std::string> request_variables,
                           engine::EventSink& sink, std::stop_token stop = {},
                           HistoryScope history = HistoryScope::owner);

// APIException's body: detail is the JSON text of {message, traceback, description,
// code, suggestion} (nulls kept, in that order).
nlohmann::json api_exception_detail(const std::string& message);

void respond_failure(api::Context& ctx, const HttpFailure& failure);

}  // namespace lfkit::handlers::execution
