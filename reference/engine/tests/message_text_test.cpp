// The message and vertex-data JSON the engine writes as text: valid JSON, upstream's keys,
// strings escaped, and one text shared by the event, the response and the run records.
#include <gtest/gtest.h>

#include <set>

#include "engine/in_memory_services.hpp"
#include "engine/message.hpp"
#include "engine/registry.hpp"
#include "engine/run_result.hpp"
#include "test_support.hpp"

namespace lfkit::engine::testing {
namespace {

using nlohmann::json;

std::set<std::string> keys(const json& object) {
  std::set<std::string> out;
  for (const auto& [key, value] : object.items()) out.insert(key);
  return out;
}

Message sample() {
  Message m;
  m.id = "0190f7a6-0000-7000-8000-000000000001";
  m.text = "say \"hi\"\n\tto caf\xc3\xa9 \xff";  // quotes, controls, UTF-8, one invalid byte
  m.sender = "User";
  m.sender_name = "User";
  m.session_id = "s";
  m.flow_id = "f";
  m.source.id = "OpenAIModel-1";
  return m;
}

const std::set<std::string> kBody = {"category",    "content_blocks", "edit",       "error",
                                     "files",       "flow_id",        "properties", "sender",
                                     "sender_name", "session_id",     "text",       "timestamp"};

TEST(MessageText, EventFormHasUpstreamKeysAndEscapedText) {
  json event = json::parse(sample().event_json_text());
  std::set<std::string> expected = kBody;
  expected.insert("id");
  EXPECT_EQ(keys(event), expected);
  EXPECT_EQ(event["text"], "say \"hi\"\n\tto caf\xc3\xa9 \xef\xbf\xbd");  // U+FFFD
  EXPECT_EQ(event["id"], "0190f7a6-0000-7000-8000-000000000001");
  EXPECT_EQ(event["properties"]["source"]["id"], "OpenAIModel-1");
  EXPECT_TRUE(event["properties"]["source"]["display_name"].is_null());
  EXPECT_EQ(event["timestamp"].get<std::string>().size(), 19u);  // no offset
}

TEST(MessageText, ResultFormKeepsTheIdInsideDataOnly) {
  Message m = sample();
  m.id.clear();  // not stored: null
  json result = json::parse(m.result_json_text());
  std::set<std::string> flat = kBody;
  flat.insert({"data", "default_value", "text_key"});
  EXPECT_EQ(keys(result), flat);
  EXPECT_TRUE(result["data"]["id"].is_null());
  EXPECT_EQ(result["data"]["timestamp"], result["timestamp"]);
  EXPECT_EQ(json::parse(m.properties_json_text()), result["properties"]);
}

TEST(VertexDataText, EventResponseAndRecordsCarryTheSameData) {
  ThreadPool pool{1};
  InMemoryMessageStore messages;
  InMemoryRunRecorder recorder;
  Executor executor{builtin_registry(), pool, {&messages, &recorder, nullptr, nullptr}};
  RecordingSink sink;
  RunRequest request;
  request.flow_id = "flow-1";
  request.input_value = "hello";
  RunOutcome outcome = executor.run(load_fixture("echo"), request, sink);
  ASSERT_EQ(outcome.status, RunOutcome::Status::completed) << outcome.error;

  json event_data;
  for (const auto& e : sink.events())
    if (e.name == "end_vertex" && e.data["build_data"]["id"] == "ChatOutput-xY7zQ")
      event_data = e.data["build_data"]["data"];
  ASSERT_TRUE(event_data.is_object());
  EXPECT_EQ(keys(event_data),
            (std::set<std::string>{"artifacts", "duration", "logs", "message", "outputs", "results",
                                   "timedelta", "used_frozen_result"}));
  auto builds = recorder.builds();
  ASSERT_EQ(builds.size(), 2u);
  EXPECT_EQ(json::parse(builds[1].data_json), event_data);
  EXPECT_EQ(json::parse(builds[1].artifacts_json), event_data["artifacts"]);
  // Byte for byte what a DOM would dump (sorted keys), as the other texts are.
  EXPECT_EQ(builds[1].artifacts_json, (json{{"message", "hello"},
                                            {"sender", "Machine"},
                                            {"sender_name", "AI"},
                                            {"files", json::array()},
                                            {"type", "object"}})
                                          .dump());
  EXPECT_EQ(json::parse(recorder.transactions()[1].outputs_json), event_data["outputs"]);

  json response = json::parse(run_response_text(outcome, std::string("hello")));
  const json& result = response["outputs"][0]["outputs"][0];
  for (const char* key : {"results", "outputs", "logs", "artifacts"})
    EXPECT_EQ(result[key], event_data[key]) << key;
  EXPECT_EQ(result["results"]["message"]["text"], "hello");
}

}  // namespace
}  // namespace lfkit::engine::testing
