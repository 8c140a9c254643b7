// Properties over random graphs: orders are topological, every reachable vertex runs
// once (per loop iteration), inactivated branches never run.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "test_support.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

// A random DAG: edges only go from lower to higher index.
Graph random_dag(size_t n, const std::vector<std::pair<uint32_t, uint32_t>>& raw) {
  std::vector<std::string> ids;
  for (size_t i = 0; i < n; ++i) ids.push_back("V-" + std::to_string(i));
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  for (auto [a, b] : raw) {
    a %= n;
    b %= n;
    if (a == b) continue;
    edges.emplace_back(std::min(a, b), std::max(a, b));
  }
  return *Graph::from_edges(std::move(ids), edges);
}

RC_GTEST_PROP(SorterProperties, RandomDagOrderIsTopologicalAndComplete, ()) {
  const size_t n = *rc::gen::inRange<size_t>(1, 201);
  auto raw = *rc::gen::container<std::vector<std::pair<uint32_t, uint32_t>>>(
      *rc::gen::inRange<size_t>(0, 3 * n), rc::gen::arbitrary<std::pair<uint32_t, uint32_t>>());
  Graph graph = random_dag(n, raw);
  auto sorted = sort_vertices(graph);
  RC_ASSERT(sorted.has_value());
  RC_ASSERT(is_topological(graph, sorted->layers));
  size_t total = 0;
  for (const auto& layer : sorted->layers) total += layer.size();
  RC_ASSERT(total == n);
}

// Builds a flow JSON node of a given type with empty template fields.
json make_node(const std::string& id, const std::string& type, json fields = json::object()) {
  json tmpl = json::object();
  for (auto& [k, v] : fields.items()) tmpl[k] = {{"value", v}};
  return {{"id", id}, {"data", {{"type", type}, {"node", {{"template", tmpl}}}}}};
}
json make_edge(const std::string& s, const std::string& out, const std::string& t,
               const std::string& f) {
  return {{"source", s},
          {"target", t},
          {"data",
           {{"sourceHandle", {{"id", s}, {"name", out}}},
            {"targetHandle", {{"id", t}, {"fieldName", f}}}}}};
}

// Random DAG of CombineText vertices fed by one TextInput; every vertex must run once.
RC_GTEST_PROP(ExecutorProperties, EveryReachableVertexRunsOnce, ()) {
  const size_t n = *rc::gen::inRange<size_t>(1, 60);
  json nodes = json::array({make_node("TextInput-0", "TextInput", {{"input_value", "x"}})});
  json edges = json::array();
  for (size_t i = 1; i <= n; ++i) {
    std::string id = "CombineText-" + std::to_string(i);
    nodes.push_back(make_node(id, "CombineText"));
    size_t a = *rc::gen::inRange<size_t>(0, i);
    std::string src = a == 0 ? "TextInput-0" : "CombineText-" + std::to_string(a);
    edges.push_back(make_edge(src, a == 0 ? "text" : "combined_text", id, "text1"));
    if (*rc::gen::arbitrary<bool>() && i > 1) {
      size_t b = *rc::gen::inRange<size_t>(1, i);
      edges.push_back(make_edge("CombineText-" + std::to_string(b), "combined_text", id, "text2"));
    }
  }
  auto flow = load_flow(json{{"nodes", nodes}, {"edges", edges}});
  RC_ASSERT(flow.has_value());
  ThreadPool pool(2);
  Executor executor(builtin_registry(), pool);
  testing::RecordingSink sink;
  RunRequest request;
  request.flow_id = "f";
  RunOutcome outcome = executor.run(*flow, request, sink);
  RC_ASSERT(outcome.status == RunOutcome::Status::completed);
  auto ids = sink.built_ids();
  RC_ASSERT(ids.size() == n + 1);
  RC_ASSERT(std::set<std::string>(ids.begin(), ids.end()).size() == n + 1);
  auto graph = Graph::build(*flow);
  RC_ASSERT(testing::grammar_violation(sink.events(), &*graph).empty());
}

// A router picks a side; a random chain hangs off each side; a loop over k items
// feeds a random-length body. The losing side never runs, the body runs k times.
RC_GTEST_PROP(ExecutorProperties, BranchesAndLoopsRunAsDecided, ()) {
  const bool yes = *rc::gen::arbitrary<bool>();
  const size_t side = *rc::gen::inRange<size_t>(1, 6);
  const size_t body = *rc::gen::inRange<size_t>(1, 5);
  const size_t items = *rc::gen::inRange<size_t>(0, 5);
  json list = json::array();
  for (size_t i = 0; i < items; ++i) list.push_back({{"text", std::to_string(i)}});
  json nodes =
      json::array({make_node("TextInput-in", "TextInput", {{"input_value", yes ? "yes" : "no"}}),
                   make_node("ConditionalRouter-r", "ConditionalRouter", {{"match_text", "yes"}}),
                   make_node("TextInput-items", "TextInput", {{"input_value", list.dump()}}),
                   make_node("LoopComponent-l", "LoopComponent")});
  json edges = json::array({make_edge("TextInput-in", "text", "ConditionalRouter-r", "input_text"),
                            make_edge("TextInput-items", "text", "LoopComponent-l", "data")});
  for (const std::string branch : {"true_result", "false_result"}) {
    std::string prev = "ConditionalRouter-r", out = branch;
    for (size_t i = 0; i < side; ++i) {
      std::string id = "CombineText-" + branch + std::to_string(i);
      nodes.push_back(make_node(id, "CombineText"));
      edges.push_back(make_edge(prev, out, id, "text1"));
      prev = id;
      out = "combined_text";
    }
  }
  std::string prev = "LoopComponent-l", out = "item";
  for (size_t i = 0; i < body; ++i) {
    std::string id = "CombineText-body" + std::to_string(i);
    nodes.push_back(make_node(id, "CombineText"));
    edges.push_back(make_edge(prev, out, id, "text1"));
    prev = id;
    out = "combined_text";
  }
  edges.push_back(make_edge(prev, out, "LoopComponent-l", "item"));
  nodes.push_back(make_node("ParserComponent-done", "ParserComponent"));
  edges.push_back(make_edge("LoopComponent-l", "done", "ParserComponent-done", "input_data"));

  auto flow = load_flow(json{{"nodes", nodes}, {"edges", edges}});
  RC_ASSERT(flow.has_value());
  ThreadPool pool(2);
  Executor executor(builtin_registry(), pool);
  testing::RecordingSink sink;
  RunRequest request;
  request.flow_id = "f";
  RunOutcome outcome = executor.run(*flow, request, sink);
  RC_ASSERT(outcome.status == RunOutcome::Status::completed);
  std::map<std::string, int> count;
  for (const auto& id : sink.built_ids()) ++count[id];
  const std::string winner = yes ? "true_result" : "false_result";
  const std::string loser = yes ? "false_result" : "true_result";
  for (size_t i = 0; i < side; ++i) {
    RC_ASSERT(count["CombineText-" + winner + std::to_string(i)] == 1);
    RC_ASSERT(count["CombineText-" + loser + std::to_string(i)] == 0);
  }
  for (size_t i = 0; i < body; ++i)
    RC_ASSERT(count["CombineText-body" + std::to_string(i)] == static_cast<int>(items));
  RC_ASSERT(count["LoopComponent-l"] == static_cast<int>(items + 1));
  RC_ASSERT(count["ParserComponent-done"] == 1);
  auto graph = Graph::build(*flow);
  RC_ASSERT(testing::grammar_violation(sink.events(), &*graph).empty());
}

}  // namespace
}  // namespace lfkit::engine
