#include "conformance/streams/stream_reader.hpp"

#include <gtest/gtest.h>

#include "conformance/net/http_client.hpp"
#include "scripted_http_server.hpp"

namespace lfkit::conformance {
namespace {
using namespace std::chrono_literals;
using testing::chunk;
using testing::Piece;
using testing::ScriptedHttpServer;
using testing::ScriptedReply;

std::string event_line(const std::string& name) {
  return "{\"event\": \"" + name + "\", \"data\": {}}\n\n";
}

TEST(StreamReader, DeliversEventsBeforeTheStreamEnds) {
  ScriptedHttpServer server([](const std::string&) {
    return ScriptedReply{{{testing::http_head(200, "application/x-ndjson", {}, true), 0ms},
                          {chunk(event_line("first")), 0ms},
                          {chunk(event_line("second")), 300ms},
                          {testing::kLastChunk, 0ms}},
                         false};
  });
  HttpClient client(*parse_base_url(server.base_url()), {1000ms, 2000ms});
  auto stream = client.open_stream({"GET", "/events", {}, ""});
  ASSERT_TRUE(stream) << stream.error().message;
  EXPECT_EQ((*stream)->status(), 200);
  const auto start = std::chrono::steady_clock::now();
  std::chrono::milliseconds first_seen{-1};
  auto result = read_stream_events(**stream, Framing::ndjson, {}, [&](const StreamEvent& e) {
    if (e.name == "first") {
      first_seen = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - start);
    }
    return true;
  });
  EXPECT_EQ(result.end, StreamEnd::closed);
  ASSERT_EQ(result.events.size(), 2u);
  EXPECT_GE(first_seen.count(), 0);
  EXPECT_LT(first_seen, 250ms);  // arrived before the second, delayed chunk
  EXPECT_GE(result.events[1].at - result.events[0].at, 250ms);
  ASSERT_TRUE(result.time_to_first_event);
}

TEST(StreamReader, StopsAtTheIdleTimeoutOnAStreamThatNeverEnds) {
  ScriptedHttpServer server([](const std::string&) {
    return ScriptedReply{{{testing::http_head(200, "text/event-stream", {}, true), 0ms},
                          {chunk(event_line("token")), 0ms},
                          {"", 2000ms}},
                         true};
  });
  HttpClient client(*parse_base_url(server.base_url()), {1000ms, 2000ms});
  auto stream = client.open_stream({"POST", "/run?stream=true", {}, "{}"});
  ASSERT_TRUE(stream);
  const auto start = std::chrono::steady_clock::now();
  auto result = read_stream_events(**stream, Framing::sse, {5000ms, 200ms, 100});
  EXPECT_EQ(result.end, StreamEnd::timed_out);
  EXPECT_EQ(result.events.size(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
}

TEST(StreamReader, StopsAtTheEventLimit) {
  ScriptedHttpServer server([](const std::string&) {
    ScriptedReply reply{{{testing::http_head(200, "application/x-ndjson", {}, true), 0ms}}, true};
    for (int i = 0; i < 50; ++i) reply.pieces.push_back({chunk(event_line("token")), 0ms});
    reply.pieces.push_back({"", 2000ms});
    return reply;
  });
  HttpClient client(*parse_base_url(server.base_url()), {1000ms, 2000ms});
  auto stream = client.open_stream({"GET", "/events", {}, ""});
  ASSERT_TRUE(stream);
  auto result = read_stream_events(**stream, Framing::ndjson, {5000ms, 1000ms, 10});
  EXPECT_EQ(result.end, StreamEnd::max_events);
  EXPECT_EQ(result.events.size(), 10u);
}

TEST(StreamReader, ReaderCanStopAtTheTerminalEvent) {
  ScriptedHttpServer server([](const std::string&) {
    return ScriptedReply{{{testing::http_head(200, "application/x-ndjson", {}, true), 0ms},
                          {chunk(event_line("end") + event_line("late")), 0ms},
                          {"", 2000ms}},
                         true};
  });
  HttpClient client(*parse_base_url(server.base_url()), {1000ms, 2000ms});
  auto stream = client.open_stream({"GET", "/events", {}, ""});
  ASSERT_TRUE(stream);
  auto result = read_stream_events(**stream, Framing::ndjson, {5000ms, 1000ms, 10},
                                   [](const StreamEvent& e) { return e.name != "end"; });
  EXPECT_EQ(result.end, StreamEnd::stopped);
  EXPECT_EQ(result.events.size(), 1u);
}

TEST(StreamReader, ReadsAnUnchunkedCloseDelimitedBody) {
  ScriptedHttpServer server([](const std::string&) {
    return ScriptedReply{{{"HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                           "Connection: close\r\n\r\n",
                           0ms},
                          {event_line("a"), 0ms},
                          {event_line("b"), 50ms}},
                         true};
  });
  HttpClient client(*parse_base_url(server.base_url()), {1000ms, 2000ms});
  auto stream = client.open_stream({"GET", "/events", {}, ""});
  ASSERT_TRUE(stream);
  auto result = read_stream_events(**stream, Framing::ndjson, {2000ms, 1000ms, 10});
  EXPECT_EQ(result.end, StreamEnd::closed);
  EXPECT_EQ(result.events.size(), 2u);
}

}  // namespace
}  // namespace lfkit::conformance
