// Model calls wait without holding threads: 64 runs on a pool of 4 threads all reach an
// endpoint that answers none of them until all 64 are waiting. A design where a call holds a
// pool thread (4 calls at most in flight) gets 503s after the barrier's patience instead.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "../../engine/tests/test_support.hpp"
#include "barrier_endpoint.hpp"
#include "llm/openai_compatible_model.hpp"

namespace lfkit::llm {
namespace {

constexpr size_t kRuns = 64;
constexpr auto kPatience = std::chrono::seconds(5);

// Counts finished callbacks; wait() is bounded so a broken design fails instead of hanging.
class Countdown {
 public:
  explicit Countdown(size_t n) : left_(n) {}
  void done() {
    std::lock_guard lock(mutex_);
    if (--left_ == 0) zero_.notify_all();
  }
  bool wait(std::chrono::seconds limit) {
    std::unique_lock lock(mutex_);
    return zero_.wait_for(lock, limit, [this] { return left_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable zero_;
  size_t left_;
};

TEST(ConcurrentModelCalls, SixtyFourCallsAreInFlightTogether) {
  testing::BarrierEndpoint endpoint(kRuns, kPatience);
  OpenAiCompatibleModel model({endpoint.base_url(), "", std::chrono::seconds(30)});
  Countdown finished(kRuns);
  std::mutex mutex;
  std::vector<engine::CompletionText> results;
  for (size_t i = 0; i < kRuns; ++i) {
    engine::LanguageModelRequest request;
    request.input = "hi";
    model.complete_async(
        request, [](std::string_view) { return true; },
        [&](engine::CompletionText text) {
          {
            std::lock_guard lock(mutex);
            results.push_back(std::move(text));
          }
          finished.done();
        });
  }
  ASSERT_TRUE(finished.wait(std::chrono::seconds(20)));
  EXPECT_EQ(endpoint.most_waiting(), kRuns);
  for (const auto& r : results) {
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(*r, "all at once");
  }
}

TEST(ConcurrentModelCalls, SixtyFourFlowRunsOnFourThreadsAllWaitOnTheModel) {
  testing::BarrierEndpoint endpoint(kRuns, kPatience);
  OpenAiCompatibleModel model({endpoint.base_url(), "", std::chrono::seconds(30)});
  engine::ThreadPool pool(4);
  engine::Executor executor(engine::builtin_registry(), pool, {nullptr, nullptr, nullptr, &model});
  const engine::FlowData flow = engine::testing::load_fixture("prompt");
  Countdown finished(kRuns);
  std::mutex mutex;
  std::vector<engine::RunOutcome> outcomes;
  std::vector<std::unique_ptr<engine::testing::RecordingSink>> sinks;
  std::stop_source stop;
  for (size_t i = 0; i < kRuns; ++i) {
    sinks.push_back(std::make_unique<engine::testing::RecordingSink>());
    engine::RunRequest request;
    request.flow_id = "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    request.input_value = "hi";
    request.stream = true;
    request.abort_on_error = true;
    executor.start(flow, request, *sinks.back(), stop.get_token(), [&](engine::RunOutcome outcome) {
      {
        std::lock_guard lock(mutex);
        outcomes.push_back(std::move(outcome));
      }
      finished.done();
    });
  }
  if (!finished.wait(std::chrono::seconds(20))) {
    stop.request_stop();  // the runs use this frame's sinks: end them before it goes
    finished.wait(std::chrono::seconds(60));
    FAIL() << "the 64 runs did not all finish within 20 s (at most " << endpoint.most_waiting()
           << " model calls were in flight together)";
  }
  EXPECT_EQ(endpoint.most_waiting(), kRuns);
  for (const auto& outcome : outcomes)
    ASSERT_EQ(outcome.status, engine::RunOutcome::Status::completed) << outcome.error;
  for (const auto& sink : sinks) {
    EXPECT_EQ(engine::testing::grammar_violation(sink->events()), "");
    std::string text;
    for (const auto& e : sink->events())
      if (e.name == "token") text += e.data["chunk"].get<std::string>();
    EXPECT_EQ(text, "all at once");
  }
}

}  // namespace
}  // namespace lfkit::llm
