#include "engine/sorter.hpp"

#include <deque>

namespace lfkit::engine {
namespace {

// Marks every vertex reachable from `seeds` (forward or backward) inside `allowed`.
std::vector<bool> reach(const Graph& graph, std::vector<VertexIndex> seeds,
                        const std::vector<bool>& allowed, bool forward) {
  std::vector<bool> seen(graph.size(), false);
  for (VertexIndex s : seeds) seen[s] = true;
  while (!seeds.empty()) {
    VertexIndex v = seeds.back();
    seeds.pop_back();
    const auto& edges = forward ? graph.out_edges(v) : graph.in_edges(v);
    for (uint32_t e : edges) {
      const GraphEdge& edge = graph.edges()[e];
      VertexIndex next = forward ? edge.target : edge.source;
      if (!seen[next] && allowed[next]) {
        seen[next] = true;
        seeds.push_back(next);
      }
    }
  }
  return seen;
}

Expected<std::vector<std::vector<VertexIndex>>, SortError> kahn_layers(
    const Graph& graph, const std::vector<bool>& keep) {
  const size_t n = graph.size();
  std::vector<uint32_t> in_degree(n, 0);
  size_t kept = 0;
  for (VertexIndex v = 0; v < n; ++v) {
    if (!keep[v]) continue;
    ++kept;
    for (uint32_t e : graph.in_edges(v)) {
      const GraphEdge& edge = graph.edges()[e];
      if (!edge.feedback && keep[edge.source]) ++in_degree[v];
    }
  }
  std::vector<std::vector<VertexIndex>> layers;
  std::vector<VertexIndex> current;
  for (VertexIndex v = 0; v < n; ++v)
    if (keep[v] && in_degree[v] == 0) current.push_back(v);
  size_t placed = 0;
  while (!current.empty()) {
    std::vector<VertexIndex> next;
    for (VertexIndex v : current) {
      for (uint32_t e : graph.out_edges(v)) {
        const GraphEdge& edge = graph.edges()[e];
        if (edge.feedback || !keep[edge.target]) continue;
        if (--in_degree[edge.target] == 0) next.push_back(edge.target);
      }
    }
    placed += current.size();
    layers.push_back(std::move(current));
    current = std::move(next);
  }
  if (placed != kept) {
    std::string ids;
    for (VertexIndex v = 0; v < n; ++v) {
      if (keep[v] && in_degree[v] > 0) {
        if (!ids.empty()) ids += ", ";
        ids += graph.id(v);
      }
    }
    return unexpected(SortError{"Graph has a cycle without a Loop component: " + ids});
  }
  return layers;
}

// Upstream's sort_chat_inputs_first: a predecessor-less ChatInput gets its own first layer.
Expected<void, SortError> chat_input_first(const Graph& graph,
                                           std::vector<std::vector<VertexIndex>>& layers) {
  std::optional<std::pair<size_t, size_t>> found;
  for (size_t l = 0; l < layers.size(); ++l) {
    for (size_t i = 0; i < layers[l].size(); ++i) {
      VertexIndex v = layers[l][i];
      if (graph.id(v).find("ChatInput") == std::string::npos) continue;
      if (!graph.in_edges(v).empty()) return {};
      if (found) return unexpected(SortError{"Only one chat input is allowed in the graph"});
      found = std::make_pair(l, i);
    }
  }
  if (!found) return {};
  auto [layer, position] = *found;
  if (layers[layer].size() == 1 && layer == 0) return {};
  VertexIndex chat = layers[layer][position];
  layers[layer].erase(layers[layer].begin() + static_cast<std::ptrdiff_t>(position));
  if (layers[layer].empty()) layers.erase(layers.begin() + static_cast<std::ptrdiff_t>(layer));
  layers.insert(layers.begin(), std::vector<VertexIndex>{chat});
  return {};
}

}  // namespace

std::vector<std::string> SortResult::first_layer_ids(const Graph& graph) const {
  std::vector<std::string> ids;
  if (!layers.empty())
    for (VertexIndex v : layers.front()) ids.push_back(graph.id(v));
  return ids;
}

std::vector<std::string> SortResult::to_run_ids(const Graph& graph) const {
  std::vector<std::string> ids;
  for (VertexIndex v = 0; v < to_run.size(); ++v)
    if (to_run[v]) ids.push_back(graph.id(v));
  return ids;
}

Expected<SortResult, SortError> sort_vertices(const Graph& graph, const SortOptions& options) {
  const size_t n = graph.size();
  std::optional<VertexIndex> start, stop;
  auto resolve = [&](const std::optional<std::string>& id,
                     std::optional<VertexIndex>& out) -> Expected<void, SortError> {
    if (!id || id->empty()) return {};
    int64_t v = graph.find(*id);
    if (v < 0) return unexpected(SortError{"Vertex " + *id + " not found"});
    out = static_cast<VertexIndex>(v);
    return {};
  };
  if (auto ok = resolve(options.start_component_id, start); !ok) return unexpected(ok.error());
  if (auto ok = resolve(options.stop_component_id, stop); !ok) return unexpected(ok.error());
  if (start && stop)
    return unexpected(
        SortError{"You can only provide one of stop_component_id or start_component_id"});
  if (stop && graph.in_cycle(*stop))
    std::swap(start, stop);  // upstream: stop in a cycle acts as start

  std::vector<bool> keep(n, true);
  if (stop) keep = reach(graph, {*stop}, keep, /*forward=*/false);
  if (start) {
    std::vector<bool> reachable = reach(graph, {*start}, keep, /*forward=*/true);
    std::vector<VertexIndex> seeds;
    for (VertexIndex v = 0; v < n; ++v)
      if (reachable[v]) seeds.push_back(v);
    keep = reach(graph, std::move(seeds), keep, /*forward=*/false);
  }

  auto layers = kahn_layers(graph, keep);
  if (!layers) return unexpected(layers.error());
  SortResult result;
  result.layers = std::move(*layers);
  if (!start) {
    if (auto ok = chat_input_first(graph, result.layers); !ok) return unexpected(ok.error());
  }
  result.to_run = std::move(keep);
  return result;
}

bool is_topological(const Graph& graph, const std::vector<std::vector<VertexIndex>>& layers) {
  constexpr size_t kAbsent = SIZE_MAX;
  std::vector<size_t> position(graph.size(), kAbsent);
  size_t next = 0;
  for (const auto& layer : layers) {
    for (VertexIndex v : layer) {
      if (position[v] != kAbsent) return false;  // each vertex once
      position[v] = next++;
    }
  }
  for (const GraphEdge& edge : graph.edges()) {
    if (edge.feedback) continue;
    size_t s = position[edge.source], t = position[edge.target];
    if (s == kAbsent || t == kAbsent) continue;
    if (s >= t) return false;
  }
  return true;
}

}  // namespace lfkit::engine
