// LogHandlers against an in-memory exchange: the /logs query rules and the
// stream producer (chunk format, keepalive, stop on cancellation).
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "api/context.hpp"
#include "handlers/logs/log_handlers.hpp"

using namespace lfkit;
using namespace std::chrono_literals;

namespace {

class FakeWriter : public http::StreamWriter {
 public:
  bool write(std::string chunk) override {
    std::lock_guard lock(mu);
    if (is_cancelled || finished) return false;
    chunks.push_back(std::move(chunk));
    cv.notify_all();
    return true;
  }
  void finish() override {
    std::lock_guard lock(mu);
    finished = true;
    cv.notify_all();
  }
  bool cancelled() const override {
    std::lock_guard lock(mu);
    ++cancelled_calls;
    return is_cancelled;
  }
  void on_cancel(std::function<void()>) override {}
  void cancel() {
    std::lock_guard lock(mu);
    is_cancelled = true;
  }
  // Waits until `pred` holds (under the lock) or the timeout passes.
  template <typename Pred>
  bool wait_for(Pred pred, std::chrono::milliseconds timeout = 3000ms) {
    std::unique_lock lock(mu);
    return cv.wait_for(lock, timeout, [&] { return pred(); });
  }

  mutable std::mutex mu;
  std::condition_variable cv;
  std::vector<std::string> chunks;
  bool is_cancelled = false;
  bool finished = false;
  mutable int cancelled_calls = 0;  // the producer polls this while it runs
};

class FakeExchange : public http::Exchange {
 public:
  const http::Request& request() const override { return req; }
  void respond(http::Response r) override { response = std::move(r); }
  std::shared_ptr<http::StreamWriter> start_stream(int status, http::Headers headers) override {
    stream_status = status;
    stream_headers = std::move(headers);
    return writer;
  }
  bool cancelled() const override { return false; }
  void on_cancel(std::function<void()>) override {}

  http::Request req;
  std::optional<http::Response> response;
  int stream_status = 0;
  http::Headers stream_headers;
  std::shared_ptr<FakeWriter> writer = std::make_shared<FakeWriter>();
};

struct Call {
  std::shared_ptr<FakeExchange> exchange = std::make_shared<FakeExchange>();
  config::Settings settings;
  api::Context ctx{exchange, settings};
};

nlohmann::json body_of(const Call& call) {
  return nlohmann::json::parse(call.exchange->response->body);
}

std::shared_ptr<http::LogBuffer> filled_buffer() {
  auto logs = std::make_shared<http::LogBuffer>(100);
  for (int i = 1; i <= 20; ++i) logs->write(1000 + i, "line " + std::to_string(i) + "\n");
  return logs;
}

api::req::logs query(int64_t before, int64_t after, int64_t ts) {
  api::req::logs q;
  q.lines_before = before;
  q.lines_after = after;
  q.timestamp = ts;
  return q;
}

}  // namespace

TEST(LogHandlers, DisabledAnswers501) {
  handlers::LogHandlers h(std::make_shared<http::LogBuffer>(0));
  Call a, b;
  h.logs(a.ctx, query(0, 0, 0));
  EXPECT_EQ(a.exchange->response->status, 501);
  EXPECT_EQ(body_of(a), nlohmann::json({{"detail", "Log retrieval is disabled"}}));
  h.stream_logs(b.ctx, {});
  EXPECT_EQ(b.exchange->response->status, 501);
  EXPECT_EQ(b.exchange->stream_status, 0);
}

TEST(LogHandlers, QueryRules) {
  handlers::LogHandlers h(filled_buffer());
  {
    Call c;
    h.logs(c.ctx, query(0, 0, 0));  // the last 10 lines
    auto body = body_of(c);
    ASSERT_EQ(body.size(), 10u);
    EXPECT_EQ(body["1020"], "line 20\n");
    EXPECT_FALSE(body.contains("1010"));
    // Keys stay in buffer order in the text itself.
    EXPECT_LT(c.exchange->response->body.find("1011"), c.exchange->response->body.find("1020"));
  }
  {
    Call c;
    h.logs(c.ctx, query(3, 0, 0));
    EXPECT_EQ(body_of(c).size(), 3u);
  }
  {
    Call c;
    h.logs(c.ctx, query(2, 0, 1010));  // two lines before ts 1010
    EXPECT_EQ(body_of(c), nlohmann::json({{"1008", "line 8\n"}, {"1009", "line 9\n"}}));
  }
  {
    Call c;
    h.logs(c.ctx, query(0, 2, 1010));  // two lines from ts 1010 on
    EXPECT_EQ(body_of(c), nlohmann::json({{"1010", "line 10\n"}, {"1011", "line 11\n"}}));
  }
  {
    Call c;
    h.logs(c.ctx, query(0, 0, 1005));  // ts only: up to 10 lines before it
    EXPECT_EQ(body_of(c).size(), 4u);
  }
  {
    Call c;
    h.logs(c.ctx, query(1, 1, 1005));
    EXPECT_EQ(c.exchange->response->status, 400);
    EXPECT_EQ(body_of(c)["detail"], "Cannot request logs before and after the timestamp");
  }
  {
    Call c;
    h.logs(c.ctx, query(0, 1, 0));
    EXPECT_EQ(c.exchange->response->status, 400);
    EXPECT_EQ(body_of(c)["detail"],
              "Timestamp is required when requesting logs after the timestamp");
  }
}

TEST(LogHandlers, ChunkFormatMatchesPythonJsonDumps) {
  EXPECT_EQ(handlers::log_stream_chunk(1736355791485, "GET / 200\n"),
            "{\"1736355791485\": \"GET / 200\\n\"}\n\n");
  EXPECT_EQ(handlers::log_stream_chunk(1, "caf\xc3\xa9"), "{\"1\": \"caf\\u00e9\"}\n\n");
}

TEST(LogHandlers, StreamSendsNewLinesKeepalivesAndStopsWhenCancelled) {
  auto logs = filled_buffer();
  handlers::LogHandlers h(logs, handlers::LogStreamTiming{std::chrono::milliseconds(50), 2});
  Call c;
  h.stream_logs(c.ctx, {});
  EXPECT_EQ(c.exchange->stream_status, 200);
  EXPECT_EQ(c.exchange->stream_headers.find("content-type"), "text/event-stream; charset=utf-8");
  auto writer = c.exchange->writer;
  // Idle polls produce a keepalive; the backlog is never replayed.
  ASSERT_TRUE(writer->wait_for([&] { return !writer->chunks.empty(); }));
  {
    std::lock_guard lock(writer->mu);
    EXPECT_EQ(writer->chunks.front(), "keepalive\n\n");
  }
  logs->write(5000, "fresh\n");
  ASSERT_TRUE(writer->wait_for([&] {
    return std::find(writer->chunks.begin(), writer->chunks.end(),
                     "{\"5000\": \"fresh\\n\"}\n\n") != writer->chunks.end();
  }));
  {
    std::lock_guard lock(writer->mu);
    for (const auto& chunk : writer->chunks) EXPECT_EQ(chunk.find("line "), std::string::npos);
  }
  // Cancelling stops the producer: it stops polling and never finishes a
  // stream the transport is tearing down.
  writer->cancel();
  std::this_thread::sleep_for(200ms);
  int polls = 0;
  {
    std::lock_guard lock(writer->mu);
    polls = writer->cancelled_calls;
  }
  std::this_thread::sleep_for(200ms);
  std::lock_guard lock(writer->mu);
  EXPECT_EQ(writer->cancelled_calls, polls);
  EXPECT_FALSE(writer->finished);
}
