// Chat tag, deprecated per-vertex builds (upstream's pre-/flow protocol):
//   POST /build/{flow_id}/vertices             retrieve_vertices_order: prepare + cache the graph
//   POST /build/{flow_id}/vertices/{vertex_id} build_vertex: build one vertex of the cached graph
//   GET  /build/{flow_id}/{vertex_id}/stream   build_vertex_stream: replay a vertex as SSE
// Owner-only like the other build routes: another user's flow is "not found".
#pragma once

#include <memory>

#include "handlers/execution/execution_runtime.hpp"
#include "handlers/execution/vertex_graph_cache.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::execution {

class VertexBuildRoutes {
 public:
  explicit VertexBuildRoutes(Runtime runtime)
      : runtime_(std::move(runtime)), cache_(std::make_shared<VertexGraphCache>()) {}

  void retrieve_vertices_order(api::Context& ctx, const api::req::retrieve_vertices_order& request);
  void build_vertex(api::Context& ctx, const api::req::build_vertex& request);
  void build_vertex_stream(api::Context& ctx, const api::req::build_vertex_stream& request);

 private:
  Runtime runtime_;
  std::shared_ptr<VertexGraphCache> cache_;  // shared with the run-pool tasks
};

}  // namespace lfkit::handlers::execution
