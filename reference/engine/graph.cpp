#include "engine/graph.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace lfkit::engine {

Expected<Graph, GraphError> Graph::build(FlowData flow) {
  Graph graph;
  graph.nodes_ = std::move(flow.nodes);
  graph.by_id_.reserve(graph.nodes_.size());
  for (VertexIndex v = 0; v < graph.nodes_.size(); ++v) graph.by_id_.emplace(graph.nodes_[v].id, v);
  std::set<std::tuple<VertexIndex, VertexIndex, std::string, std::string>> seen;
  for (FlowEdge& edge : flow.edges) {
    int64_t source = graph.find(edge.source);
    if (source < 0) return unexpected(GraphError{"Source vertex " + edge.source + " not found"});
    int64_t target = graph.find(edge.target);
    if (target < 0) return unexpected(GraphError{"Target vertex " + edge.target + " not found"});
    auto key = std::make_tuple(static_cast<VertexIndex>(source), static_cast<VertexIndex>(target),
                               edge.source_output, edge.target_field);
    if (!seen.insert(key).second) continue;  // upstream ignores duplicate edges
    graph.edges_.push_back(GraphEdge{static_cast<VertexIndex>(source),
                                     static_cast<VertexIndex>(target),
                                     std::move(edge.source_output), std::move(edge.target_field)});
  }
  if (auto ok = graph.index(); !ok) return unexpected(ok.error());
  return graph;
}

Expected<Graph, GraphError> Graph::from_edges(
    std::vector<std::string> ids, const std::vector<std::pair<uint32_t, uint32_t>>& edges,
    std::vector<std::string> types) {
  Graph graph;
  graph.nodes_.resize(ids.size());
  graph.by_id_.reserve(ids.size());
  for (VertexIndex v = 0; v < ids.size(); ++v) {
    graph.nodes_[v].id = std::move(ids[v]);
    graph.nodes_[v].type =
        v < types.size() ? types[v] : graph.nodes_[v].id.substr(0, graph.nodes_[v].id.find('-'));
    graph.nodes_[v].display_name = graph.nodes_[v].type;
    if (!graph.by_id_.emplace(graph.nodes_[v].id, v).second)
      return unexpected(GraphError{"duplicate vertex " + graph.nodes_[v].id});
  }
  graph.edges_.reserve(edges.size());
  for (auto [source, target] : edges) {
    if (source >= ids.size() || target >= ids.size())
      return unexpected(GraphError{"edge endpoint out of range"});
    graph.edges_.push_back(GraphEdge{source, target, "output", "input"});
  }
  if (auto ok = graph.index(); !ok) return unexpected(ok.error());
  return graph;
}

int64_t Graph::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : static_cast<int64_t>(it->second);
}

bool Graph::is_loop(VertexIndex v) const {
  const std::string& t = nodes_[v].type;
  return t == "LoopComponent" || t == "Loop";
}

std::vector<VertexIndex> Graph::successors(VertexIndex v) const {
  std::vector<VertexIndex> out;
  for (uint32_t e : out_[v])
    if (std::find(out.begin(), out.end(), edges_[e].target) == out.end())
      out.push_back(edges_[e].target);
  return out;
}

std::vector<VertexIndex> Graph::predecessors(VertexIndex v) const {
  std::vector<VertexIndex> out;
  for (uint32_t e : in_[v])
    if (std::find(out.begin(), out.end(), edges_[e].source) == out.end())
      out.push_back(edges_[e].source);
  return out;
}

Expected<void, GraphError> Graph::index() {
  out_.assign(nodes_.size(), {});
  in_.assign(nodes_.size(), {});
  for (uint32_t e = 0; e < edges_.size(); ++e) {
    out_[edges_[e].source].push_back(e);
    in_[edges_[e].target].push_back(e);
  }
  find_cycles();
  for (GraphEdge& edge : edges_) {
    edge.feedback =
        in_cycle_[edge.target] && is_loop(edge.target) && scc_[edge.source] == scc_[edge.target];
  }
  return {};
}

// Iterative Tarjan: recursion would overflow on 100k-vertex chains.
void Graph::find_cycles() {
  const size_t n = nodes_.size();
  constexpr uint32_t kUnvisited = UINT32_MAX;
  std::vector<uint32_t> order(n, kUnvisited), low(n, 0);
  std::vector<bool> on_stack(n, false);
  std::vector<VertexIndex> stack;
  std::vector<std::pair<VertexIndex, size_t>> frames;  // vertex, next out-edge position
  scc_.assign(n, 0);
  in_cycle_.assign(n, false);
  cyclic_ = false;
  uint32_t counter = 0, components = 0;
  for (VertexIndex root = 0; root < n; ++root) {
    if (order[root] != kUnvisited) continue;
    frames.emplace_back(root, 0);
    order[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = true;
    while (!frames.empty()) {
      auto& [v, pos] = frames.back();
      if (pos < out_[v].size()) {
        VertexIndex w = edges_[out_[v][pos++]].target;
        if (order[w] == kUnvisited) {
          order[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = true;
          frames.emplace_back(w, 0);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      VertexIndex done = v;
      frames.pop_back();
      if (!frames.empty()) low[frames.back().first] = std::min(low[frames.back().first], low[done]);
      if (low[done] != order[done]) continue;
      size_t begin = stack.size();
      while (stack[begin - 1] != done) --begin;
      --begin;
      bool cycle = stack.size() - begin > 1;
      for (size_t i = begin; i < stack.size(); ++i) {
        scc_[stack[i]] = components;
        on_stack[stack[i]] = false;
      }
      if (!cycle) {
        for (uint32_t e : out_[done]) cycle = cycle || edges_[e].target == done;  // self-loop
      }
      if (cycle) {
        cyclic_ = true;
        for (size_t i = begin; i < stack.size(); ++i) in_cycle_[stack[i]] = true;
      }
      stack.resize(begin);
      ++components;
    }
  }
}

}  // namespace lfkit::engine
