#include "engine/vertex_step_build.hpp"

#include <atomic>
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

namespace {

using Clock = std::chrono::steady_clock;

void seal_result(VertexRun& run, Clock::time_point started,
                 Expected<ComponentResult, std::string> result) {
  run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  run.timestamp = iso_utc_micros_z(std::chrono::system_clock::now());
  if (result) {
    run.result = std::move(*result);
  } else {
    run.valid = false;
    run.error = result.error();
  }
  seal_vertex_run(run);
}

// The component of vertex `v`, or the reason it cannot build (with run.output_names filled).
Expected<const ComponentSpec*, std::string> spec_for(const ComponentRegistry& registry,
                                                     const FlowNode& node, VertexRun& run) {
  const ComponentSpec* spec = registry.find(node.type);
  if (!spec)
    return unexpected("Component type " + node.type + " of node " + node.id +
                      " is not supported by this server");
  if (run.output_names.empty())
    for (const OutputSpec& o : spec->outputs) run.output_names.push_back(o.name);
  return spec;
}

}  // namespace

VertexRun build_vertex_run(const ComponentRegistry& registry, const Graph& graph, VertexIndex v,
                           const std::function<void(ComponentContext&)>& wire) {
  const FlowNode& node = graph.node(v);
  VertexRun run = unbuilt_run(graph, v);
  auto started = Clock::now();
  Expected<ComponentResult, std::string> result = unexpected(std::string());
  auto spec = spec_for(registry, node, run);
  if (!spec) {
    result = unexpected(spec.error());
  } else {
    ComponentContext ctx(node);
    wire(ctx);
    try {
      result = (*spec)->build(ctx);
    } catch (const std::exception& e) {
      result = unexpected(std::string(e.what()));
    }
  }
  seal_result(run, started, std::move(result));
  return run;
}

void start_vertex_run(const ComponentRegistry& registry, const Graph& graph, VertexIndex v,
                      const std::function<void(ComponentContext&)>& wire,
                      std::function<void(VertexRun)> done) {
  const FlowNode& node = graph.node(v);
  VertexRun probe = unbuilt_run(graph, v);
  auto spec = spec_for(registry, node, probe);
  if (!spec || !(*spec)->build_async) return done(build_vertex_run(registry, graph, v, wire));
  auto ctx = std::make_shared<ComponentContext>(node);
  wire(*ctx);
  auto started = Clock::now();
  // Shared by the resume callback and the catch below: whichever comes first finishes the run.
  auto finished = std::make_shared<std::atomic<bool>>(false);
  auto resume = [run = std::move(probe), started, done,
                 finished](Expected<ComponentResult, std::string> result) mutable {
    if (finished->exchange(true)) return;
    seal_result(run, started, std::move(result));
    done(std::move(run));
  };
  try {
    (*spec)->build_async(ctx, resume);
  } catch (const std::exception& e) {
    resume(unexpected(std::string(e.what())));
  }
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
