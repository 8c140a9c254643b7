// Sorting cost of layered random DAGs (3 edges per vertex), reported per vertex, beside a
// same-run reference pass over the same graphs: the linearity gate compares how each scales from
// 1k to 100k vertices, so that the host's cache sizes (which both pay alike) cancel out.
#include <benchmark/benchmark.h>

#include <random>

#include "engine/graph.hpp"
#include "engine/sorter.hpp"

namespace {

using namespace lfkit::engine;

Graph make_graph(size_t n) {
  std::mt19937 rng(42);
  std::vector<std::string> ids;
  ids.reserve(n);
  for (size_t i = 0; i < n; ++i) ids.push_back("Component-" + std::to_string(i));
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  edges.reserve(3 * n);
  for (uint32_t t = 1; t < n; ++t) {
    for (int k = 0; k < 3; ++k) {
      uint32_t window = std::min<uint32_t>(t, 64);  // keep layers deep, like real flows
      edges.emplace_back(t - 1 - rng() % window, t);
    }
  }
  return *Graph::from_edges(std::move(ids), edges);
}

// The reference: a breadth-first pass from the sources that reads what the sort reads (every
// vertex's id, in- and out-edge lists and edge records) and allocates per-vertex state as it
// does, but does no ordering work. It is linear by construction.
size_t reference_pass(const Graph& graph) {
  const size_t n = graph.size();
  std::vector<uint32_t> in_count(n, 0);
  std::vector<bool> seen(n, false);
  size_t checksum = 0;
  for (VertexIndex v = 0; v < n; ++v) {
    checksum += graph.id(v).size();
    for (uint32_t e : graph.in_edges(v)) in_count[v] += graph.edges()[e].source != v;
  }
  std::vector<VertexIndex> frontier;
  for (VertexIndex v = 0; v < n; ++v)
    if (in_count[v] == 0) {
      seen[v] = true;
      frontier.push_back(v);
    }
  size_t visited = 0;
  while (!frontier.empty()) {
    std::vector<VertexIndex> next;
    for (VertexIndex v : frontier) {
      ++visited;
      for (uint32_t e : graph.out_edges(v)) {
        VertexIndex t = graph.edges()[e].target;
        if (!seen[t]) {
          seen[t] = true;
          next.push_back(t);
        }
      }
    }
    frontier = std::move(next);
  }
  return checksum + visited;
}

void set_counters(benchmark::State& state, const Graph& graph) {
  const auto n = static_cast<double>(graph.size());
  state.counters["ns_per_vertex"] = benchmark::Counter(
      n, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["vertices"] = n;
  state.counters["edges"] = static_cast<double>(graph.edges().size());
}

void BM_ReferencePass(benchmark::State& state) {
  Graph graph = make_graph(static_cast<size_t>(state.range(0)));
  size_t expected = 0;
  for (VertexIndex v = 0; v < graph.size(); ++v) expected += graph.id(v).size();
  if (reference_pass(graph) != expected + graph.size()) {
    state.SkipWithError("the reference pass missed vertices");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(reference_pass(graph));
  set_counters(state, graph);
}

void BM_SortVertices(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  Graph graph = make_graph(n);
  auto check = sort_vertices(graph);
  if (!check || !is_topological(graph, check->layers)) {
    state.SkipWithError("sort produced an invalid order");
    return;
  }
  for (auto _ : state) {
    auto sorted = sort_vertices(graph);
    benchmark::DoNotOptimize(sorted);
  }
  set_counters(state, graph);
}

BENCHMARK(BM_SortVertices)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReferencePass)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
