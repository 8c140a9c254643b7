#include "conformance/streams/event_framer.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace lfkit::conformance {
namespace {

const std::string kNdjson =
    "{\"event\": \"vertices_sorted\", \"data\": {\"ids\": [\"A\"], \"to_run\": [\"A\"]}}\n\n"
    "{\"event\": \"end_vertex\", \"data\": {\"build_data\": {\"id\": \"A\"}}}\n\n"
    "{\"event\": \"end\", \"data\": {}}\n\n";

std::vector<std::string> names(const std::vector<StreamEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e.name);
  return out;
}

TEST(EventFramer, NdjsonSkipsBlankLines) {
  EventFramer framer(Framing::ndjson);
  auto events = framer.feed(kNdjson);
  auto rest = framer.finish();
  EXPECT_TRUE(rest.empty());
  EXPECT_EQ(names(events), (std::vector<std::string>{"vertices_sorted", "end_vertex", "end"}));
  EXPECT_EQ(events[0].data["ids"][0], "A");
}

TEST(EventFramer, NdjsonFlushesUnterminatedLastLine) {
  EventFramer framer(Framing::ndjson);
  EXPECT_TRUE(framer.feed("{\"event\":\"end\",\"data\":{}}").empty());
  EXPECT_EQ(names(framer.finish()), std::vector<std::string>{"end"});
}

TEST(EventFramer, SseAcceptsBareJsonFramesAsLangflowSendsThem) {
  EventFramer framer(Framing::sse);
  auto events = framer.feed(
      "{\"event\": \"add_message\", \"data\": {\"id\": \"m\"}}\n\n"
      "{\"event\": \"token\", \"data\": {\"chunk\": \"hi\", \"id\": \"m\"}}\n\n");
  EXPECT_EQ(names(events), (std::vector<std::string>{"add_message", "token"}));
}

TEST(EventFramer, SseFieldFramingAndDataJsonLines) {
  EventFramer framer(Framing::sse);
  auto events = framer.feed(
      ": keep-alive\r\n\r\n"
      "event: message\r\ndata: {\"a\": 1}\r\n\r\n"
      "data: {\"event\": \"end\", \"data\": {\"result\": {}}}\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].name, "message");
  EXPECT_EQ(events[0].data["a"], 1);
  EXPECT_EQ(events[1].name, "end");
  EXPECT_TRUE(events[1].data.contains("result"));
}

TEST(EventFramer, MarksInvalidJson) {
  EventFramer framer(Framing::ndjson);
  auto events = framer.feed("{not json\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_FALSE(events[0].parsed);
}

// Splitting the bytes anywhere must not change the decoded events.
RC_GTEST_PROP(EventFramer, SplitPointsDoNotMatter, ()) {
  const auto cuts = *rc::gen::container<std::vector<std::size_t>>(
      rc::gen::inRange<std::size_t>(0, kNdjson.size()));
  for (auto framing : {Framing::ndjson, Framing::sse}) {
    EventFramer framer(framing);
    std::vector<StreamEvent> events;
    std::size_t pos = 0;
    auto sorted = cuts;
    std::sort(sorted.begin(), sorted.end());
    for (auto cut : sorted) {
      for (auto& e : framer.feed(std::string_view(kNdjson).substr(pos, cut - pos)))
        events.push_back(e);
      pos = cut;
    }
    for (auto& e : framer.feed(std::string_view(kNdjson).substr(pos))) events.push_back(e);
    for (auto& e : framer.finish()) events.push_back(e);
    RC_ASSERT(names(events) == (std::vector<std::string>{"vertices_sorted", "end_vertex", "end"}));
  }
}

}  // namespace
}  // namespace lfkit::conformance
