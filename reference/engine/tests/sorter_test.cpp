#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lfkit::engine {
namespace {

std::vector<std::vector<std::string>> layer_ids(const Graph& g, const SortResult& r) {
  std::vector<std::vector<std::string>> out;
  for (const auto& layer : r.layers) {
    out.emplace_back();
    for (VertexIndex v : layer) out.back().push_back(g.id(v));
  }
  return out;
}

struct Sorted {
  Graph graph;
  SortResult result;
};

Sorted sort_fixture(const std::string& name, SortOptions options = {}) {
  auto graph = Graph::build(testing::load_fixture(name));
  EXPECT_TRUE(graph);
  auto result = sort_vertices(*graph, options);
  EXPECT_TRUE(result) << result.error().message;
  EXPECT_TRUE(is_topological(*graph, result->layers));
  return {std::move(*graph), std::move(*result)};
}

using Layers = std::vector<std::vector<std::string>>;

TEST(Sorter, EchoFlow) {
  auto s = sort_fixture("echo");
  EXPECT_EQ(layer_ids(s.graph, s.result), (Layers{{"ChatInput-aB3dE"}, {"ChatOutput-xY7zQ"}}));
}

TEST(Sorter, PromptFlowPutsChatInputAlone) {
  auto s = sort_fixture("prompt");
  EXPECT_EQ(
      layer_ids(s.graph, s.result),
      (Layers{{"ChatInput-aB3dE"}, {"Prompt-Qw2Er"}, {"OpenAIModel-k9LmN"}, {"ChatOutput-xY7zQ"}}));
  EXPECT_EQ(s.result.first_layer_ids(s.graph), std::vector<std::string>{"ChatInput-aB3dE"});
  EXPECT_EQ(s.result.to_run_ids(s.graph).size(), 4u);
}

TEST(Sorter, StopComponentKeepsAncestorsOnly) {
  auto s = sort_fixture("prompt", {std::nullopt, "OpenAIModel-k9LmN"});
  EXPECT_EQ(s.result.to_run_ids(s.graph),
            (std::vector<std::string>{"ChatInput-aB3dE", "Prompt-Qw2Er", "OpenAIModel-k9LmN"}));
  EXPECT_EQ(layer_ids(s.graph, s.result).back(), std::vector<std::string>{"OpenAIModel-k9LmN"});
}

TEST(Sorter, StartComponentKeepsDescendantsAndTheirAncestors) {
  auto s = sort_fixture("multi_output", {"CombineText-Cc8Bb", std::nullopt});
  EXPECT_EQ(s.result.to_run_ids(s.graph),
            (std::vector<std::string>{"ChatInput-aB3dE", "OpenAIModel-k9LmN", "CombineText-Cc8Bb",
                                      "TextOutput-Tt7Oo"}));
}

TEST(Sorter, BothStartAndStopIsAnError) {
  auto graph = Graph::build(testing::load_fixture("echo"));
  auto r = sort_vertices(*graph, {"ChatInput-aB3dE", "ChatOutput-xY7zQ"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "You can only provide one of stop_component_id or start_component_id");
  EXPECT_FALSE(sort_vertices(*graph, {"Nope-1", std::nullopt}));
}

TEST(Sorter, BranchingAndMultiOutputAndFortyNodes) {
  auto b = sort_fixture("branching");
  EXPECT_EQ(b.result.layers.size(), 3u);
  auto m = sort_fixture("multi_output");
  EXPECT_EQ(layer_ids(m.graph, m.result), (Layers{{"ChatInput-aB3dE"},
                                                  {"OpenAIModel-k9LmN"},
                                                  {"CombineText-Cc8Bb", "ChatOutput-xY7zQ"},
                                                  {"TextOutput-Tt7Oo"}}));
  auto f = sort_fixture("forty_nodes");
  EXPECT_EQ(f.graph.size(), 40u);
  EXPECT_EQ(f.result.layers.size(), 10u);
}

TEST(Sorter, LoopCycleIsAllowedThroughFeedbackEdge) {
  auto s = sort_fixture("loop");
  EXPECT_TRUE(s.graph.is_cyclic());
  EXPECT_EQ(layer_ids(s.graph, s.result), (Layers{{"TextInput-Ll1Pp"},
                                                  {"LoopComponent-Oo2Ii"},
                                                  {"CombineText-Uu3Yy", "ParserComponent-Pp5Aa"},
                                                  {"MessagetoData-Dd4Ss", "ChatOutput-xY7zQ"}}));
}

TEST(Sorter, CycleWithoutLoopIsAnError) {
  auto graph = Graph::from_edges({"A-1", "B-1", "C-1"}, {{0, 1}, {1, 2}, {2, 1}});
  ASSERT_TRUE(graph);
  auto r = sort_vertices(*graph);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Graph has a cycle without a Loop component: B-1, C-1");
}

TEST(Sorter, OnlyOneChatInputAllowed) {
  auto graph = Graph::from_edges({"ChatInput-1", "ChatInput-2", "ChatOutput-1"}, {{0, 2}, {1, 2}});
  auto r = sort_vertices(*graph);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "Only one chat input is allowed in the graph");
}

}  // namespace
}  // namespace lfkit::engine
