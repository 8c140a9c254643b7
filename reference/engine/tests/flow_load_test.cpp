#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lfkit::engine {
namespace {

TEST(FlowLoad, AcceptsWrappedAndBareDocuments) {
  auto wrapped = parse_flow(
      R"({"data":{"nodes":[{"id":"A-1","data":{"type":"ChatInput","node":{}}}],"edges":[]}})");
  ASSERT_TRUE(wrapped);
  EXPECT_EQ(wrapped->nodes.at(0).type, "ChatInput");
  auto bare = parse_flow(R"({"nodes":[{"id":"TextInput-1","data":{}}],"edges":[],"viewport":{}})");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->nodes.at(0).type, "TextInput");  // from the id prefix
}

TEST(FlowLoad, ReadsFixtureFieldsAndEncodedHandles) {
  FlowData flow = testing::load_fixture("prompt");
  ASSERT_EQ(flow.nodes.size(), 4u);
  EXPECT_EQ(flow.nodes[1].display_name, "Prompt");
  EXPECT_EQ(flow.nodes[1].fields().at("template").at("value"), "You are terse. Context: {context}");
  ASSERT_EQ(flow.edges.size(), 3u);
  EXPECT_EQ(flow.edges[1].source_output, "prompt");
  EXPECT_EQ(flow.edges[1].target_field, "system_message");
  auto decoded = decode_handle(
      "{\xC5\x93"
      "id\xC5\x93:\xC5\x93X-1\xC5\x93,\xC5\x93name\xC5\x93:\xC5\x93out\xC5\x93}");
  ASSERT_TRUE(decoded);
  EXPECT_EQ((*decoded)["name"], "out");
}

TEST(FlowLoad, EdgeWithoutDataFallsBackToEncodedHandles) {
  auto flow = parse_flow(
      "{\"nodes\":[{\"id\":\"A-1\",\"data\":{}},{\"id\":\"B-1\",\"data\":{}}],\"edges\":[{"
      "\"source\":\"A-1\","
      "\"target\":\"B-1\",\"sourceHandle\":\"{\xC5\x93id\xC5\x93:\xC5\x93"
      "A-1\xC5\x93,\xC5\x93name\xC5\x93:"
      "\xC5\x93out\xC5\x93}\",\"targetHandle\":\"{\xC5\x93id\xC5\x93:\xC5\x93"
      "B-1\xC5\x93,"
      "\xC5\x93"
      "fieldName\xC5\x93:\xC5\x93in\xC5\x93}\"}]}");
  ASSERT_TRUE(flow) << flow.error().message;
  EXPECT_EQ(flow->edges[0].source_output, "out");
  EXPECT_EQ(flow->edges[0].target_field, "in");
}

TEST(FlowLoad, ErrorsNameTheCulprit) {
  EXPECT_EQ(parse_flow("not json").error().message, "flow is not valid JSON");
  EXPECT_EQ(parse_flow("[]").error().message, "flow is not a JSON object");
  EXPECT_EQ(parse_flow(R"({"edges":[]})").error().message, "flow has no nodes array");
  EXPECT_EQ(parse_flow(R"({"nodes":[{"data":{}}]})").error().message, "node #0 has no string id");
  EXPECT_EQ(parse_flow(R"({"nodes":[{"id":"A-1"}]})").error().message,
            "node A-1 has no data object");
  EXPECT_EQ(
      parse_flow(R"({"nodes":[{"id":"A-1","data":{}},{"id":"A-1","data":{}}]})").error().message,
      "node A-1 appears more than once");
  EXPECT_EQ(parse_flow(R"({"nodes":[],"edges":[{"id":"e1","target":"B"}]})").error().message,
            "edge e1 has no source");
  auto flow =
      parse_flow(R"({"nodes":[{"id":"A-1","data":{}}],"edges":[{"source":"A-1","target":"Z-9"}]})");
  ASSERT_TRUE(flow);
  auto graph = Graph::build(*flow);
  ASSERT_FALSE(graph);
  EXPECT_EQ(graph.error().message, "Target vertex Z-9 not found");
}

TEST(FlowLoad, SkipsNotesAndDuplicateEdges) {
  auto flow = parse_flow(
      R"({"nodes":[{"id":"note-1","type":"noteNode","data":{}},{"id":"A-1","data":{}},{"id":"B-1","data":{}}],
          "edges":[{"source":"A-1","target":"B-1"},{"source":"A-1","target":"B-1"}]})");
  ASSERT_TRUE(flow);
  EXPECT_EQ(flow->nodes.size(), 2u);
  auto graph = Graph::build(*flow);
  ASSERT_TRUE(graph);
  EXPECT_EQ(graph->edges().size(), 1u);
}

TEST(Tweaks, ByIdDisplayNameAndGlobalField) {
  FlowData flow = testing::load_fixture("prompt");
  apply_tweaks(flow, {{"Prompt-Qw2Er", {{"template", "T1"}}},
                      {"OpenAI", {{"model_name", "m2"}, {"code", "evil"}}},
                      {"temperature", 0.7}});
  EXPECT_EQ(flow.nodes[1].fields().at("template").at("value"), "T1");
  EXPECT_EQ(flow.nodes[2].fields().at("model_name").at("value"), "m2");
  EXPECT_EQ(flow.nodes[2].fields().at("code").at("value"), "# native");
  EXPECT_EQ(flow.nodes[2].fields().at("temperature").at("value"), 0.7);
  EXPECT_FALSE(flow.nodes[0].fields().contains("temperature"));
}

}  // namespace
}  // namespace lfkit::engine
