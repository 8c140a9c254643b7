// Chat tag: /build jobs (start, events as a live NDJSON stream, by polling or in
// the POST itself, cancel), their public-flow twins keyed by the client_id cookie, and
// the deprecated per-vertex builds (vertex_build_handlers.hpp).
#pragma once

#include "handlers/execution/execution_runtime.hpp"
#include "handlers/execution/vertex_build_handlers.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::execution {

class ChatHandlers final : public api::ChatHandlers {
 public:
  ChatHandlers(Runtime runtime, std::shared_ptr<jobs::JobManager> owner)
      : runtime_(std::move(runtime)), owner_(std::move(owner)), vertices_(runtime_) {}

  void build_flow(api::Context& ctx, const api::req::build_flow& request) override;
  void retrieve_vertices_order(api::Context& ctx,
                               const api::req::retrieve_vertices_order& request) override;
  void build_vertex(api::Context& ctx, const api::req::build_vertex& request) override;
  void build_vertex_stream(api::Context& ctx,
                           const api::req::build_vertex_stream& request) override;
  void cancel_build(api::Context& ctx, const api::req::cancel_build& request) override;
  void get_build_events(api::Context& ctx, const api::req::get_build_events& request) override;
  void build_public_tmp(api::Context& ctx, const api::req::build_public_tmp& request) override;
  void cancel_build_public(api::Context& ctx,
                           const api::req::cancel_build_public& request) override;
  void get_build_events_public(api::Context& ctx,
                               const api::req::get_build_events_public& request) override;

 private:
  Runtime runtime_;
  std::shared_ptr<jobs::JobManager> owner_;  // keeps runtime_.jobs alive
  VertexBuildRoutes vertices_;               // holds the per-flow graph cache
};

}  // namespace lfkit::handlers::execution
