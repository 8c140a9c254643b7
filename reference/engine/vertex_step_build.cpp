#include "engine/vertex_step_build.hpp"

#include <chrono>

#include "common/clock.hpp"
#include "common/uuid.hpp"

namespace lfkit::engine {

using nlohmann::json;

namespace {

// A run of vertex `v` that has not built yet: who it is.
VertexRun unbuilt_run(const Graph& graph, VertexIndex v) {
  const FlowNode& node = graph.node(v);
  VertexRun run;
  run.vertex = v;
  run.id = node.id;
  run.type = node.type;
  run.display_name = node.display_name;
  run.output_names = node.output_names;
  return run;
}

}  // namespace

VertexRun build_vertex_run(const ComponentRegistry& registry, const Graph& graph, VertexIndex v,
                           const std::function<void(ComponentContext&)>& wire) {
  const FlowNode& node = graph.node(v);
  VertexRun run = unbuilt_run(graph, v);
  const ComponentSpec* spec = registry.find(node.type);
  auto started = std::chrono::steady_clock::now();
  Expected<ComponentResult, std::string> result = unexpected(std::string());
  if (!spec) {
    result = unexpected("Component type " + node.type + " of node " + node.id +
                        " is not supported by this server");
  } else {
    if (run.output_names.empty())
      for (const OutputSpec& o : spec->outputs) run.output_names.push_back(o.name);
    ComponentContext ctx(node);
    wire(ctx);
    try {
      result = spec->build(ctx);
    } catch (const std::exception& e) {
      result = unexpected(std::string(e.what()));
    }
  }
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  run.timestamp = iso_utc_micros_z(std::chrono::system_clock::now());
  if (result) {
    run.result = std::move(*result);
  } else {
    run.valid = false;
    run.error = result.error();
  }
  seal_vertex_run(run);
  return run;
}

VertexRun failed_vertex_run(const Graph& graph, VertexIndex v, std::string error) {
  VertexRun run = unbuilt_run(graph, v);
  run.valid = false;
  run.error = std::move(error);
  run.timestamp = iso_utc_micros_z(std::chrono::system_clock::now());
  seal_vertex_run(run);
  return run;
}

void record_vertex_run(RunRecorder& recorder, const VertexRun& run, const json& inputs,
                       const RecordScope& scope) {
  const std::string now = iso_utc_micros(std::chrono::system_clock::now());
  TransactionRecord tx;
  tx.id = new_time_ordered_uuid();
  tx.timestamp = now;
  tx.vertex_id = run.id;
  tx.inputs_json = inputs.dump();
  tx.outputs_json = run.valid ? run.data.outputs : "{}";
  tx.status = run.valid ? "success" : "error";
  if (!run.valid) tx.error = run.error;
  tx.flow_id = std::string(scope.flow_id);
  recorder.record_transaction(std::move(tx));
  if (!scope.log_builds || run.result.streamed) return;
  VertexBuildRecord build;
  build.build_id = new_time_ordered_uuid();
  build.vertex_id = run.id;
  build.flow_id = std::string(scope.flow_id);
  build.job_id = std::string(scope.job_id);
  build.timestamp = now;
  build.valid = run.valid;
  build.params = run.valid ? run.result.params : run.error;
  build.data_json = vertex_data_text(run);
  build.artifacts_json = run.data.artifacts;
  recorder.record_vertex_build(std::move(build));
}

}  // namespace lfkit::engine
