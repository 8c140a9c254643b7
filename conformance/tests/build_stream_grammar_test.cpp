#include "conformance/grammar/build_stream_grammar.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace lfkit::conformance {
namespace {
using nlohmann::json;

StreamEvent ev(std::string name, json data) {
  StreamEvent e;
  e.name = std::move(name);
  e.data = std::move(data);
  return e;
}
StreamEvent sorted(json ids, json to_run) {
  return ev("vertices_sorted", {{"ids", ids}, {"to_run", to_run}});
}
StreamEvent vertex(const std::string& id) {
  return ev("end_vertex", {{"build_data", {{"id", id}, {"valid", true}}}});
}
StreamEvent end() {
  return ev("end", json::object());
}

std::vector<std::string> rules(const BuildStreamGrammar& g) {
  std::vector<std::string> out;
  for (const auto& v : g.violations()) out.push_back(v.rule);
  return out;
}

BuildStreamGrammar chain() {
  return BuildStreamGrammar({{{"In", "Mid"}, {"Mid", "Out"}}, false, false});
}

TEST(BuildStreamGrammar, AcceptsTheSeedSequence) {
  auto g = chain();
  for (const auto& e : {sorted({"In"}, {"Mid", "In", "Out"}), ev("add_message", {{"id", "m1"}}),
                        vertex("In"), vertex("Mid"), ev("add_message", {{"id", "m2"}}),
                        ev("token", {{"chunk", "x"}, {"id", "m2"}}), vertex("Out"), end()}) {
    g.on_event(e);
  }
  g.finish();
  EXPECT_TRUE(g.violations().empty()) << describe(g.violations());
  EXPECT_EQ(g.vertex_order(), (std::vector<std::string>{"In", "Mid", "Out"}));
}

TEST(BuildStreamGrammar, AcceptsAnEmptyFlowAndBuildStart) {
  BuildStreamGrammar g;
  g.on_event(sorted(json::array(), json::array()));
  g.on_event(ev("build_start", json::object()));
  g.on_event(ev("end", {{"build_duration", 0.1}}));
  g.finish();
  EXPECT_TRUE(g.violations().empty()) << describe(g.violations());
}

TEST(BuildStreamGrammar, RequiresVerticesSortedFirst) {
  auto g = chain();
  g.on_event(vertex("In"));
  g.on_event(end());
  g.finish();
  EXPECT_EQ(rules(g), std::vector<std::string>{"vertices-sorted-first"});
}

TEST(BuildStreamGrammar, FlagsSuccessorBeforePredecessor) {
  auto g = chain();
  g.on_event(sorted({"In"}, {"In", "Mid", "Out"}));
  g.on_event(vertex("Mid"));
  EXPECT_EQ(rules(g), std::vector<std::string>{"topological-order"});
}

TEST(BuildStreamGrammar, FlagsRepeatedVertexUnlessLoopsAllowed) {
  auto g = chain();
  g.on_event(sorted({"In"}, {"In"}));
  g.on_event(vertex("In"));
  g.on_event(vertex("In"));
  EXPECT_EQ(rules(g), std::vector<std::string>{"end-vertex-once"});

  BuildStreamGrammar loops({{}, true, false});
  loops.on_event(sorted({"In"}, {"In"}));
  loops.on_event(vertex("In"));
  loops.on_event(vertex("In"));
  EXPECT_TRUE(loops.violations().empty());
}

TEST(BuildStreamGrammar, FlagsUnannouncedTokenAndUnknownVertex) {
  auto g = chain();
  g.on_event(sorted({"In"}, {"In"}));
  g.on_event(ev("token", {{"chunk", "x"}, {"id", "ghost"}}));
  g.on_event(vertex("Elsewhere"));
  EXPECT_EQ(rules(g), (std::vector<std::string>{"token-unannounced", "end-vertex-announced"}));
}

TEST(BuildStreamGrammar, RequiresExactlyOneTerminal) {
  auto missing = chain();
  missing.on_event(sorted({"In"}, {"In"}));
  missing.finish();
  EXPECT_EQ(rules(missing), std::vector<std::string>{"terminal-missing"});

  auto twice = chain();
  twice.on_event(sorted({"In"}, {"In"}));
  twice.on_event(end());
  twice.on_event(ev("error", json::object()));
  EXPECT_EQ(rules(twice), std::vector<std::string>{"after-terminal"});

  BuildStreamGrammar polling({{}, false, true});
  polling.on_event(sorted({"In"}, {"In"}));
  polling.on_event(end());
  polling.on_event(end());
  polling.finish();
  EXPECT_TRUE(polling.violations().empty());
}

TEST(BuildStreamGrammar, FlagsEmptyStreamAndBadShapes) {
  BuildStreamGrammar empty;
  empty.finish();
  EXPECT_EQ(rules(empty), std::vector<std::string>{"empty-stream"});

  BuildStreamGrammar bad;
  bad.on_event(ev("vertices_sorted", {{"ids", "A"}}));
  bad.on_event(ev("end_vertex", {{"id", "A"}}));
  EXPECT_EQ(rules(bad), (std::vector<std::string>{"vertices-sorted-shape", "end-vertex-shape"}));
}

// Any topological order of a random DAG is accepted; reversing a dependent pair is not.
RC_GTEST_PROP(BuildStreamGrammar, AcceptsEveryTopologicalOrderOfRandomDags, ()) {
  const int n = *rc::gen::inRange(1, 12);
  std::vector<std::pair<std::string, std::string>> edges;
  for (int target = 1; target < n; ++target) {
    for (int source = 0; source < target; ++source) {
      if (*rc::gen::inRange(0, 3) == 0) {
        edges.emplace_back("v" + std::to_string(source), "v" + std::to_string(target));
      }
    }
  }
  // Vertex numbering is already a topological order.
  json all = json::array();
  for (int i = 0; i < n; ++i) all.push_back("v" + std::to_string(i));
  BuildStreamGrammar g({edges, false, false});
  g.on_event(sorted({"v0"}, all));
  for (int i = 0; i < n; ++i) g.on_event(vertex("v" + std::to_string(i)));
  g.on_event(end());
  g.finish();
  RC_ASSERT(g.violations().empty());

  if (!edges.empty()) {
    const auto& [source, target] = edges[*rc::gen::inRange<std::size_t>(0, edges.size())];
    BuildStreamGrammar reversed({edges, false, false});
    reversed.on_event(sorted({"v0"}, all));
    reversed.on_event(vertex(target));
    reversed.on_event(vertex(source));
    RC_ASSERT(!reversed.violations().empty());
  }
}

}  // namespace
}  // namespace lfkit::conformance
