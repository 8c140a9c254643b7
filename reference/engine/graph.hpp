// The vertex/edge structure of a loaded flow, in compact index form (CSR adjacency)
// so ordering is linear in vertices + edges.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/expected.hpp"
#include "engine/flow_model.hpp"

namespace lfkit::engine {

using VertexIndex = uint32_t;

struct GraphEdge {
  VertexIndex source;
  VertexIndex target;
  std::string source_output;
  std::string target_field;
  bool feedback = false;  // closes a Loop's cycle; ignored by ordering
};

struct GraphError {
  std::string message;
};

class Graph {
 public:
  // Builds the graph; duplicate edges are dropped, missing endpoints are errors.
  static Expected<Graph, GraphError> build(FlowData flow);
  // Structure-only constructor for benchmarks and property tests: ids plus (source, target) pairs.
  static Expected<Graph, GraphError> from_edges(
      std::vector<std::string> ids, const std::vector<std::pair<uint32_t, uint32_t>>& edges,
      std::vector<std::string> types = {});

  size_t size() const { return nodes_.size(); }
  const FlowNode& node(VertexIndex v) const { return nodes_[v]; }
  FlowNode& node(VertexIndex v) { return nodes_[v]; }
  const std::string& id(VertexIndex v) const { return nodes_[v].id; }
  const std::string& type(VertexIndex v) const { return nodes_[v].type; }
  const std::vector<GraphEdge>& edges() const { return edges_; }
  // Index of a vertex by id; -1 when absent.
  int64_t find(std::string_view id) const;

  // Distinct neighbours over all edges (including feedback edges).
  std::vector<VertexIndex> successors(VertexIndex v) const;
  std::vector<VertexIndex> predecessors(VertexIndex v) const;
  // Edge indexes leaving / entering a vertex.
  const std::vector<uint32_t>& out_edges(VertexIndex v) const { return out_[v]; }
  const std::vector<uint32_t>& in_edges(VertexIndex v) const { return in_[v]; }

  // Strongly connected component id of each vertex; in_cycle is true for SCCs > 1 or self-loops.
  bool in_cycle(VertexIndex v) const { return in_cycle_[v]; }
  uint32_t component_of(VertexIndex v) const { return scc_[v]; }
  bool is_cyclic() const { return cyclic_; }
  bool is_loop(VertexIndex v) const;

 private:
  Expected<void, GraphError> index();
  void find_cycles();

  std::vector<FlowNode> nodes_;
  std::vector<GraphEdge> edges_;
  std::unordered_map<std::string, VertexIndex> by_id_;
  std::vector<std::vector<uint32_t>> out_, in_;
  std::vector<uint32_t> scc_;
  std::vector<bool> in_cycle_;
  bool cyclic_ = false;
};

}  // namespace lfkit::engine
