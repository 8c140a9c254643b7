// Job queue semantics: backlog then live delivery, polling, and cancellation when
// the streaming client disconnects; the manager runs, finds and expires jobs.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "jobs/event_framing.hpp"
#include "jobs/job_manager.hpp"

namespace lfkit::jobs {
namespace {

using namespace std::chrono_literals;

class FakeWriter final : public http::StreamWriter {
 public:
  bool write(std::string chunk) override {
    std::lock_guard lock(mutex);
    if (cancelled_) return false;
    chunks.push_back(std::move(chunk));
    return true;
  }
  void finish() override {
    std::lock_guard lock(mutex);
    finished = true;
  }
  bool cancelled() const override { return cancelled_; }
  void on_cancel(std::function<void()> callback) override { callbacks.push_back(callback); }
  void disconnect() {
    cancelled_ = true;
    for (auto& c : callbacks) c();
  }
  std::vector<std::string> snapshot() {
    std::lock_guard lock(mutex);
    return chunks;
  }

  std::mutex mutex;
  std::vector<std::string> chunks;
  std::vector<std::function<void()>> callbacks;
  bool finished = false;
  std::atomic<bool> cancelled_{false};
};

TEST(EventFraming, IsOneJsonObjectAndABlankLine) {
  EXPECT_EQ(frame_event("end", nlohmann::json::object()), "{\"event\":\"end\",\"data\":{}}\n\n");
}

TEST(Job, StreamGetsBacklogThenLiveEventsThenFinish) {
  auto job = std::make_shared<Job>("j", "u", false);
  job->push("a");
  auto writer = std::make_shared<FakeWriter>();
  job->attach_stream(writer);
  job->push("b");
  job->finish(Job::Status::completed);
  EXPECT_EQ(writer->snapshot(), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(writer->finished);
  EXPECT_EQ(job->status(), Job::Status::completed);
}

TEST(Job, ClientDisconnectCancelsTheRun) {
  auto job = std::make_shared<Job>("j", "u", false);
  auto writer = std::make_shared<FakeWriter>();
  job->attach_stream(writer);
  EXPECT_FALSE(job->stop_token().stop_requested());
  writer->disconnect();
  EXPECT_TRUE(job->stop_token().stop_requested());
}

TEST(Job, PollingTakesQueuedEventsThenWaitsThenReportsEnd) {
  auto job = std::make_shared<Job>("j", "u", false);
  job->push("a");
  job->push("b");
  auto first = job->poll([](Job::Batch) { FAIL() << "should not wait"; });
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (Job::Batch{"a", "b"}));
  Job::Batch later;
  EXPECT_FALSE(job->poll([&](Job::Batch b) { later = std::move(b); }));
  job->push("c");
  EXPECT_EQ(later, Job::Batch{"c"});
  job->finish(Job::Status::completed);
  auto end = job->take();
  ASSERT_TRUE(end);
  ASSERT_EQ(end->size(), 1u);
  EXPECT_NE(end->front().find("\"end\""), std::string::npos);
}

TEST(JobManager, RunsFindsAndCancels) {
  JobManager manager({2, 2, std::chrono::seconds(300), std::chrono::seconds(3600)});
  std::atomic<bool> saw_stop{false};
  auto job = manager.start("u", false, [&](Job& j) {
    j.push("x");
    while (!j.stop_token().stop_requested()) std::this_thread::sleep_for(1ms);
    saw_stop = true;
    return Job::Status::cancelled;
  });
  EXPECT_EQ(manager.find(job->id()), job);
  EXPECT_EQ(manager.find("nope"), nullptr);
  // Cancel only once the work is running (its first event is out).
  std::optional<Job::Batch> first;
  for (int i = 0; i < 500 && !first; ++i) {
    first = job->take();
    if (!first) std::this_thread::sleep_for(2ms);
  }
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, Job::Batch{"x"});
  job->cancel();
  for (int i = 0; i < 500 && !job->done(); ++i) std::this_thread::sleep_for(2ms);
  EXPECT_TRUE(job->done());
  EXPECT_TRUE(saw_stop);
  EXPECT_EQ(job->status(), Job::Status::cancelled);
}

TEST(JobManager, DropsFinishedJobsAfterTheirKeepTime) {
  JobManager manager({1, 1, std::chrono::seconds(0), std::chrono::seconds(3600)});
  auto job = manager.start("u", false, [](Job&) { return Job::Status::completed; });
  for (int i = 0; i < 500 && !job->done(); ++i) std::this_thread::sleep_for(2ms);
  std::this_thread::sleep_for(5ms);
  manager.sweep();
  EXPECT_EQ(manager.job_count(), 0u);
}

TEST(JobManager, CountsJobsByKindUntilTheyExpire) {
  JobManager manager({2, 1, std::chrono::seconds(0), std::chrono::seconds(3600)});
  std::atomic<bool> release{false};
  auto hold = [&](Job&) {
    while (!release) std::this_thread::sleep_for(1ms);
    return Job::Status::completed;
  };
  auto build = manager.start("u", false, hold);
  auto workflow = manager.start("u", false, hold, "workflow");
  EXPECT_EQ(manager.job_count("build"), 1u);
  EXPECT_EQ(manager.job_count("workflow"), 1u);
  EXPECT_EQ(manager.job_count("other"), 0u);
  EXPECT_EQ(manager.job_count(), 2u);
  release = true;
  for (int i = 0; i < 500 && !(build->done() && workflow->done()); ++i)
    std::this_thread::sleep_for(2ms);
  std::this_thread::sleep_for(5ms);
  manager.sweep();  // keep_finished is 0: both expire
  EXPECT_EQ(manager.job_count("build"), 0u);
  EXPECT_EQ(manager.job_count("workflow"), 0u);
}

TEST(JobManager, ShutdownStopsRunningJobs) {
  std::shared_ptr<Job> job;
  {
    JobManager manager({1, 1, std::chrono::seconds(300), std::chrono::seconds(3600)});
    job = manager.start("u", false, [](Job& j) {
      while (!j.stop_token().stop_requested()) std::this_thread::sleep_for(1ms);
      return Job::Status::cancelled;
    });
  }  // must not hang
  EXPECT_TRUE(job->done());
}

TEST(JobManager, ExplicitShutdownStopsRunsAndIsIdempotent) {
  JobManager manager({1, 1, std::chrono::seconds(300), std::chrono::seconds(3600)});
  std::atomic<bool> saw_stop{false};
  std::atomic<bool> started{false};
  manager.submit([&](std::stop_token stop) {
    started = true;
    while (!stop.stop_requested()) std::this_thread::sleep_for(1ms);
    saw_stop = true;
  });
  while (!started) std::this_thread::sleep_for(1ms);
  manager.shutdown();  // returns only once the run has ended
  EXPECT_TRUE(saw_stop);
  manager.shutdown();
}

}  // namespace
}  // namespace lfkit::jobs
