#include "handlers/execution/vertex_build_handlers.hpp"

#include "common/uuid.hpp"
#include "handlers/execution/env_fallback_variables.hpp"
#include "handlers/execution/vertex_stream.hpp"
#include "jobs/store_services.hpp"

namespace lfkit::handlers::execution {
namespace {

using nlohmann::json;

std::string caller_id(const api::Context& ctx) {
  return ctx.caller() ? ctx.caller()->user_id : std::string();
}

std::string flow_not_found(const std::string& flow_id) {
  return "Flow with id " + flow_id + " not found";
}

// The stored graph (build_graph_from_db): a flow without data is "Invalid flow ID".
Expected<engine::FlowData, std::string> stored_graph(const store::Flow& flow) {
  const std::string invalid = "Invalid flow ID";
  if (!flow.data_json) return unexpected(invalid);
  auto document = json::parse(*flow.data_json, nullptr, false);
  if (document.is_discarded() || document.is_null()) return unexpected(invalid);
  auto data = engine::load_flow(document);
  if (!data) return unexpected(data.error().message);
  return std::move(*data);
}

// The body's `data` when sent (not saved), else the stored graph.
Expected<engine::FlowData, std::string> graph_source(const store::Flow& flow, const json& body) {
  if (auto sent = sent_flow_data(body)) return std::move(*sent);
  return stored_graph(flow);
}

// retrieve_vertices_order answers every failure with 500 and its message, except
// the streaming conflict, which is the client's (upstream's own split).
int prepare_failure_status(const std::string& message) {
  return message.find("stream or streaming set to True") != std::string::npos ? 400 : 500;
}

// A cache miss in build_vertex: upstream rebuilds the graph from the stored flow.
Expected<std::shared_ptr<CachedGraph>, std::string> cached_or_rebuilt(VertexGraphCache& cache,
                                                                      const store::Flow& flow) {
  if (auto entry = cache.find(flow.id)) return entry;
  auto data = stored_graph(flow);
  if (!data) return unexpected(data.error());
  auto stepper = engine::VertexStepper::prepare(std::move(*data), {});
  if (!stepper) return unexpected(stepper.error());
  auto entry = std::make_shared<CachedGraph>(std::move(*stepper), new_uuid());
  cache.put(flow.id, entry);
  return entry;
}

engine::StepInputs step_inputs(const store::Flow& flow,
                               const std::optional<api::model::Body_build_vertex>& body) {
  engine::StepInputs inputs;
  inputs.flow_id = flow.id;
  inputs.session_id = flow.id;  // the graph's default session
  if (!body) return inputs;
  inputs.files = body->files;
  if (body->inputs) {
    inputs.input_value = body->inputs->input_value;
    if (body->inputs->session) inputs.session_id = *body->inputs->session;
  }
  return inputs;
}

// Builds under the flow's lock with store-backed services for the caller; messages,
// transactions and the vertex build are written before the answer leaves.
Expected<engine::StepOutcome, std::string> build_step(const Runtime& runtime, CachedGraph& entry,
                                                      const std::string& vertex_id,
                                                      const engine::StepInputs& inputs,
                                                      const std::string& owner_id) {
  store::Store& store = *runtime.services->store;
  jobs::RunRecordBuffer records(store);
  jobs::StoreMessageStore messages(store, owner_id, &records);
  jobs::StoreRunRecorder recorder(store, &records);
  jobs::StoreVariableResolver stored(store, runtime.services->box, owner_id);
  EnvFallbackVariableResolver variables(stored, runtime.services->settings.fallback_to_env_var);
  engine::RunServices services{&messages, &recorder, &variables, runtime.model.get()};
  std::lock_guard lock(entry.mutex);
  auto outcome = entry.stepper.build(vertex_id, inputs, engine::builtin_registry(), services);
  records.flush();
  return outcome;
}

}  // namespace

void VertexBuildRoutes::retrieve_vertices_order(api::Context& ctx,
                                                const api::req::retrieve_vertices_order& request) {
  auto flow = runtime_.services->store->get_flow(caller_id(ctx), request.flow_id);
  if (!flow) return ctx.respond_detail(404, flow_not_found(request.flow_id));
  auto data = graph_source(*flow, request.body_json);
  if (!data) return ctx.respond_detail(500, data.error());
  engine::SortOptions options{request.start_component_id, request.stop_component_id};
  auto stepper = engine::VertexStepper::prepare(std::move(*data), options);
  if (!stepper) return ctx.respond_detail(prepare_failure_status(stepper.error()), stepper.error());
  auto entry = std::make_shared<CachedGraph>(std::move(*stepper), new_uuid());
  json body = {{"ids", entry->stepper.first_layer()},
               {"run_id", entry->run_id},
               {"vertices_to_run", entry->stepper.vertices_to_run()}};
  cache_->put(flow->id, std::move(entry));
  ctx.respond_json(200, body);
}

void VertexBuildRoutes::build_vertex(api::Context& ctx, const api::req::build_vertex& request) {
  const std::string owner = caller_id(ctx);
  auto flow = runtime_.services->store->get_flow(owner, request.flow_id);
  if (!flow) return ctx.respond_detail(404, flow_not_found(request.flow_id));
  engine::StepInputs inputs = step_inputs(*flow, request.body);
  // Components run on the run pool, never on this I/O thread.
  runtime_.jobs->submit([runtime = runtime_, cache = cache_, exchange = ctx.shared_exchange(),
                         flow = std::move(*flow), vertex_id = request.vertex_id,
                         inputs = std::move(inputs), owner](std::stop_token) {
    api::Context later(exchange, runtime.services->settings);
    auto entry = cached_or_rebuilt(*cache, flow);
    if (!entry) return later.respond_detail(500, entry.error());
    auto outcome = build_step(runtime, **entry, vertex_id, inputs, owner);
    // An unknown vertex id is upstream's 500 "Vertex <id> not found".
    if (!outcome) return later.respond_detail(500, outcome.error());
    later.respond_json(200, engine::build_data_json(outcome->run));
  });
}

void VertexBuildRoutes::build_vertex_stream(api::Context& ctx,
                                            const api::req::build_vertex_stream& request) {
  auto flow = runtime_.services->store->get_flow(caller_id(ctx), request.flow_id);
  if (!flow) return ctx.respond_detail(404, flow_not_found(request.flow_id));
  // On the run pool: reading the cached graph waits for a build of the same flow.
  runtime_.jobs->submit([runtime = runtime_, cache = cache_, exchange = ctx.shared_exchange(),
                         flow_id = flow->id, vertex_id = request.vertex_id](std::stop_token) {
    StreamLookup lookup;
    if (auto entry = cache->find(flow_id)) {
      std::lock_guard lock(entry->mutex);
      lookup.cached = true;
      lookup.vertex = entry->stepper.stream_view(vertex_id);
    }
    http::Response response;
    response.status = 200;
    response.headers.set("Content-Type", "text/event-stream; charset=utf-8");
    response.body = vertex_stream_body(flow_id, vertex_id, lookup);
    api::Context later(exchange, runtime.services->settings);
    later.respond(std::move(response));
  });
}

}  // namespace lfkit::handlers::execution
