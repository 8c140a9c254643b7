// Sorting cost of layered random DAGs (3 edges per vertex), reported per vertex.
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
  state.counters["ns_per_vertex"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate |
                                                     benchmark::Counter::kInvert);
  state.counters["vertices"] = static_cast<double>(n);
  state.counters["edges"] = static_cast<double>(graph.edges().size());
}

BENCHMARK(BM_SortVertices)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
