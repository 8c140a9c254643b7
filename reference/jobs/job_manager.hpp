// The process-wide execution resources: a bounded pool for whole runs, a bounded
// pool for vertex builds (the engine's), and the registry of /build jobs.
//
// A run task prepares a run and starts it; the run then goes on without it (its vertices on
// the vertex pool, a model call on the model's own I/O), so neither pool waits on a model.
// Runs in flight are tracked (track_run) so that shutdown can cancel them and wait for them
// before it stops the pools they continue on.
// Finished jobs are kept `keep_finished` for late readers, then dropped; a job still
// running after `max_runtime` is cancelled. Destruction cancels every job and waits
// for the runs to end.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <string_view>

#include "engine/thread_pool.hpp"
#include "jobs/job.hpp"

namespace lfkit::jobs {

struct JobOptions {
  size_t run_threads = 4;
  size_t vertex_threads = 4;
  std::chrono::seconds keep_finished{300};
  std::chrono::seconds max_runtime{3600};
};

class JobManager {
 public:
  explicit JobManager(JobOptions options = {});
  ~JobManager();  // shutdown()
  // Stops every run and build job, drains and joins both pools; idempotent. The
  // server calls it once its I/O threads have stopped, so that no run answers
  // into a transport that is being torn down.
  void shutdown();
  JobManager(const JobManager&) = delete;
  JobManager& operator=(const JobManager&) = delete;

  // Registers a job and runs `work` on the run pool. `work` reports events through
  // Job::push; the job is finished with the status `work` returns.
  std::shared_ptr<Job> start(std::string owner_id, bool is_public,
                             std::function<Job::Status(Job&)> work, std::string kind = "build");
  // As start(), for work that ends later: `work` starts it on the run pool and calls `finish`
  // (once, from any thread) with the status when it ends.
  using FinishJob = std::function<void(Job::Status)>;
  std::shared_ptr<Job> start_async(std::string owner_id, bool is_public,
                                   std::function<void(std::shared_ptr<Job>, FinishJob)> work,
                                   std::string kind = "build");
  // Null when unknown or expired.
  std::shared_ptr<Job> find(const std::string& id);

  // Runs `task` on the run pool (runs that are not /build jobs: /run streams,
  // webhooks). `task` gets a token that stops when the manager shuts down.
  void submit(std::function<void(std::stop_token)> task);

  engine::ThreadPool& vertex_pool() { return vertex_pool_; }
  // Stops when the manager shuts down: runs in flight forward it to their own stop.
  std::stop_token shutdown_token() const { return shutdown_.get_token(); }
  // Counts a run in flight until the returned handle is released; shutdown() waits (bounded)
  // for every counted run after stopping them.
  std::shared_ptr<void> track_run();
  size_t job_count();
  // Registered jobs created with `kind` ("build", "workflow"), finished ones included.
  size_t job_count(std::string_view kind);
  // Drops expired jobs and cancels overdue ones (also done on every start/find).
  void sweep();

 private:
  JobOptions options_;
  std::stop_source shutdown_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::condition_variable runs_ended_;
  size_t runs_in_flight_ = 0;  // guarded by mutex_
  // Declared in this order so the run pool (whose runs use the vertex pool)
  // is joined first.
  engine::ThreadPool vertex_pool_;
  engine::ThreadPool run_pool_;
};

}  // namespace lfkit::jobs
