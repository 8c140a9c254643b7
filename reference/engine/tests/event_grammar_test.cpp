#include <gtest/gtest.h>

#include "test_support.hpp"

namespace lfkit::engine {
namespace {

class EventGrammar : public ::testing::TestWithParam<std::string> {};

TEST_P(EventGrammar, EveryFixtureStreamIsWellFormed) {
  for (bool stream : {false, true}) {
    ThreadPool pool(2);
    InMemoryMessageStore messages;
    Executor executor(builtin_registry(), pool, {&messages, nullptr, nullptr, nullptr});
    testing::RecordingSink sink;
    RunRequest request;
    request.flow_id = "flow";
    request.input_value = "yes please";
    request.stream = stream;
    FlowData flow = testing::load_fixture(GetParam());
    RunOutcome outcome = executor.run(flow, request, sink);
    ASSERT_EQ(outcome.status, RunOutcome::Status::completed) << outcome.error;
    auto graph = Graph::build(flow);
    ASSERT_TRUE(graph);
    auto events = sink.events();
    EXPECT_EQ(testing::grammar_violation(events, &*graph), "");
    // one end_vertex per executed vertex (loops: per iteration)
    size_t end_vertices = 0;
    for (const auto& e : events) end_vertices += e.name == "end_vertex";
    EXPECT_EQ(end_vertices, outcome.runs.size());
    EXPECT_EQ(events.front().data["ids"], nlohmann::json(outcome.first_layer));
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, EventGrammar,
                         ::testing::Values("echo", "prompt", "memory_chat", "branching", "loop",
                                           "multi_output", "forty_nodes"));

TEST(EventGrammarChecker, RejectsBrokenStreams) {
  using testing::RecordedEvent;
  std::vector<RecordedEvent> no_sorted = {{"end", {}}};
  EXPECT_NE(testing::grammar_violation(no_sorted), "");
  std::vector<RecordedEvent> two_ends = {{"vertices_sorted", {}}, {"end", {}}, {"end", {}}};
  EXPECT_NE(testing::grammar_violation(two_ends), "");
  std::vector<RecordedEvent> stray_token = {
      {"vertices_sorted", {}}, {"token", {{"id", "m1"}, {"chunk", "x"}}}, {"end", {}}};
  EXPECT_NE(testing::grammar_violation(stray_token), "");
}

TEST(EventPayloads, VerticesSortedAndEndVertexShapes) {
  ThreadPool pool(1);
  Executor executor(builtin_registry(), pool);
  testing::RecordingSink sink;
  RunRequest request;
  request.flow_id = "flow";
  request.input_value = "Hello";
  executor.run(testing::load_fixture("prompt"), request, sink);
  auto events = sink.events();
  EXPECT_EQ(events[0].data["ids"], nlohmann::json({"ChatInput-aB3dE"}));
  EXPECT_EQ(events[0].data["to_run"].size(), 4u);
  EXPECT_EQ(events[1].name, "add_message");
  EXPECT_EQ(events[1].data["sender"], "User");
  EXPECT_EQ(events[1].data["timestamp"].get<std::string>().size(), 19u);
  const auto& build = events[2].data["build_data"];
  EXPECT_EQ(build["id"], "ChatInput-aB3dE");
  EXPECT_EQ(build["params"],
            "- Files: []\n  Message: Hello\n  Sender: User\n  Sender Name: User\n  Type: object\n");
  EXPECT_EQ(build["data"]["artifacts"]["type"], "object");
  EXPECT_EQ(build["timestamp"].get<std::string>().back(), 'Z');
  for (const auto& e : events) {
    if (e.name != "end_vertex" || e.data["build_data"]["id"] != "Prompt-Qw2Er") continue;
    const auto& data = e.data["build_data"]["data"];
    EXPECT_EQ(data["outputs"]["prompt"]["message"], "You are terse. Context: none");
    EXPECT_EQ(data["outputs"]["prompt"]["type"], "text");
    EXPECT_EQ(data["logs"]["prompt"], nlohmann::json::array());
    EXPECT_EQ(data["results"], nlohmann::json::object());
    EXPECT_EQ(e.data["build_data"]["params"], "None");
    EXPECT_EQ(e.data["build_data"]["next_vertices_ids"], nlohmann::json({"OpenAIModel-k9LmN"}));
  }
  EXPECT_EQ(events.back().name, "end");
  EXPECT_EQ(events.back().data, nlohmann::json::object());
}

}  // namespace
}  // namespace lfkit::engine
