// Upstream's layered ordering (get_sorted_vertices): optional start/stop pruning,
// layered Kahn sort, ChatInput moved into its own first layer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/expected.hpp"
#include "engine/graph.hpp"

namespace lfkit::engine {

struct SortOptions {
  std::optional<std::string> start_component_id;
  std::optional<std::string> stop_component_id;
};

struct SortResult {
  std::vector<std::vector<VertexIndex>> layers;  // layers[0] is the first layer
  std::vector<bool> to_run;                      // membership mask, by vertex index

  // vertices_sorted payload pieces.
  std::vector<std::string> first_layer_ids(const Graph& graph) const;
  std::vector<std::string> to_run_ids(const Graph& graph) const;  // in flow order
};

struct SortError {
  std::string message;
};

// Linear in vertices + edges. Feedback edges into a Loop are ignored; any other
// cycle is an error naming its vertices. Differences from upstream (documented):
// layers are pure Kahn layers (upstream may hoist predecessors early), and order
// inside a layer follows the flow's node order instead of Python set order.
Expected<SortResult, SortError> sort_vertices(const Graph& graph, const SortOptions& options = {});

// True if `order` (layers flattened) respects every non-feedback edge among its vertices.
bool is_topological(const Graph& graph, const std::vector<std::vector<VertexIndex>>& layers);

}  // namespace lfkit::engine
