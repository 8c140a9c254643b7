// One flow prepared for upstream's deprecated per-vertex protocol: the client asks
// for the first layer, then builds one vertex per request and is told which
// vertices became runnable (RunnableVerticesManager semantics). The stepper keeps
// every vertex's state and outputs between those requests; it is not thread-safe
// (callers serialise access per flow, as upstream's per-flow cache lock does).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/expected.hpp"
#include "engine/executor.hpp"  // RunServices
#include "engine/flow_model.hpp"
#include "engine/graph.hpp"
#include "engine/registry.hpp"
#include "engine/services.hpp"
#include "engine/sorter.hpp"
#include "engine/vertex_build.hpp"

namespace lfkit::engine {

// What one build request brings besides the vertex id.
struct StepInputs {
  std::string flow_id;                            // stamped on messages and history rows
  std::string session_id;                         // inputs.session, else the flow id
  std::optional<std::string> input_value;         // applied to a ChatInput only (upstream)
  std::optional<std::vector<std::string>> files;  // idem
};

// A built vertex plus the inputs it received (for its transaction row).
struct StepOutcome {
  VertexRun run;
  nlohmann::json inputs = nlohmann::json::object();
};

// What the deprecated stream route may say about a vertex.
struct StreamView {
  bool interface = false;  // upstream's InterfaceVertex (ChatInput/Output, Text*, ...)
  bool frozen = false;
  bool built = false;
  std::string text;  // the built result as text (first output)
};

class VertexStepper {
 public:
  // Graph::prepare: rejects both ids at once; an unknown or unsortable start/stop
  // falls back to the full sort. Errors carry upstream's message.
  static Expected<VertexStepper, std::string> prepare(FlowData flow, const SortOptions& options);

  // VerticesOrderResponse pieces: the first layer (sorted, as upstream) and every
  // vertex to run (flow order).
  std::vector<std::string> first_layer() const;
  std::vector<std::string> vertices_to_run() const;

  // Builds `vertex_id` with the outputs of its already built predecessors, records
  // it (when `services.recorder`) and fills next_vertices_ids / inactivated_vertices.
  // Unknown id: "Vertex <id> not found".
  Expected<StepOutcome, std::string> build(const std::string& vertex_id, const StepInputs& inputs,
                                           const ComponentRegistry& registry,
                                           const RunServices& services);

  std::optional<StreamView> stream_view(const std::string& vertex_id) const;

 private:
  enum class State { waiting, announced, done, failed, inactive };

  VertexStepper(Graph graph, SortResult order, std::optional<VertexIndex> stop)
      : graph_(std::move(graph)), order_(std::move(order)), stop_(stop) {
    const size_t n = graph_.size();
    state_.assign(n, State::waiting);
    outputs_.resize(n);
    inactive_outputs_.resize(n);
    loop_state_.assign(n, nlohmann::json::object());
    for (VertexIndex v : order_.layers.empty() ? std::vector<VertexIndex>{} : order_.layers[0])
      state_[v] = State::announced;
  }

  bool counts(VertexIndex v) const { return v < order_.to_run.size() && order_.to_run[v]; }
  bool settled(VertexIndex v) const;
  bool edge_live(const GraphEdge& edge) const;
  bool runnable(VertexIndex v) const;
  std::optional<std::string> unbuilt_input(VertexIndex v) const;
  std::map<std::string, std::vector<Value>> gather_inputs(VertexIndex v) const;
  void settle_successors(VertexIndex v, std::vector<VertexIndex>& next,
                         std::vector<std::string>& inactivated);
  void runnable_predecessors(VertexIndex v, std::vector<bool>& seen,
                             std::vector<VertexIndex>& next) const;

  Graph graph_;
  SortResult order_;
  std::optional<VertexIndex> stop_;
  std::vector<State> state_;
  std::vector<std::vector<std::pair<std::string, Value>>> outputs_;
  std::vector<std::vector<std::string>> inactive_outputs_;  // branches a built vertex switched off
  std::vector<nlohmann::json> loop_state_;
};

}  // namespace lfkit::engine
