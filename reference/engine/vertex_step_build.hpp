// Building and recording one vertex: the pieces the whole-flow executor and the
// per-vertex stepper (vertex_step.hpp) share, so both report identical shapes.
#pragma once

#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/graph.hpp"
#include "engine/registry.hpp"
#include "engine/services.hpp"
#include "engine/vertex_build.hpp"

namespace lfkit::engine {

// Runs vertex `v`'s component. `wire` fills the context (inputs, session, services,
// callbacks) first. Never throws: an unknown type or a failing component gives a
// run with valid=false and the reason in `error`.
VertexRun build_vertex_run(const ComponentRegistry& registry, const Graph& graph, VertexIndex v,
                           const std::function<void(ComponentContext&)>& wire);

// As build_vertex_run, through the component's build_async when it has one: `done` gets the
// run once the component resumes, on the thread that resumed it (a model's I/O thread).
// Components without build_async build at once, on the calling thread.
void start_vertex_run(const ComponentRegistry& registry, const Graph& graph, VertexIndex v,
                      const std::function<void(ComponentContext&)>& wire,
                      std::function<void(VertexRun)> done);

// A run of vertex `v` that failed before its component ran (valid=false, `error`).
VertexRun failed_vertex_run(const Graph& graph, VertexIndex v, std::string error);

// Where a vertex's history rows belong.
struct RecordScope {
  std::string_view flow_id;
  std::string_view job_id;  // empty outside /build jobs
  bool log_builds = true;
};

// Writes the vertex's transaction row, then its vertex_build row unless log_builds
// is off or the vertex streamed (upstream skips streaming vertices).
void record_vertex_run(RunRecorder& recorder, const VertexRun& run, const nlohmann::json& inputs,
                       const RecordScope& scope);

}  // namespace lfkit::engine
