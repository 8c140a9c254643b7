#include "jobs/job_manager.hpp"

#include "common/uuid.hpp"

namespace lfkit::jobs {

JobManager::JobManager(JobOptions options)
    : options_(options),
      vertex_pool_(std::max<size_t>(1, options.vertex_threads)),
      run_pool_(std::max<size_t>(1, options.run_threads)) {}

JobManager::~JobManager() {
  shutdown();
}

void JobManager::shutdown() {
  shutdown_.request_stop();
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, job] : jobs_) job->cancel();
  }
  // Cancelled runs end quickly (a model call closes its connection at once), but they continue
  // on the pools, so those run until the runs in flight have ended.
  {
    std::unique_lock lock(mutex_);
    runs_ended_.wait_for(lock, std::chrono::seconds(10), [this] { return runs_in_flight_ == 0; });
  }
  // Runs first: a run task may start vertices, so the vertex pool must outlive it.
  // Both drain what is queued (cancelled runs end quickly), then join.
  run_pool_.shutdown();
  vertex_pool_.shutdown();
}

std::shared_ptr<Job> JobManager::start(std::string owner_id, bool is_public,
                                       std::function<Job::Status(Job&)> work, std::string kind) {
  sweep();
  auto job = std::make_shared<Job>(new_uuid(), std::move(owner_id), is_public, std::move(kind));
  {
    std::lock_guard lock(mutex_);
    jobs_[job->id()] = job;
  }
  std::stop_token shutdown = shutdown_.get_token();
  run_pool_.submit([job, shutdown, work = std::move(work)] {
    std::stop_callback forward(shutdown, [&job] { job->cancel(); });
    Job::Status status = Job::Status::failed;
    job->mark_started();
    if (!job->stop_token().stop_requested()) {
      try {
        status = work(*job);
      } catch (const std::exception&) {
        status = Job::Status::failed;
      }
    } else {
      status = Job::Status::cancelled;
    }
    job->finish(status);
  });
  return job;
}

std::shared_ptr<Job> JobManager::start_async(
    std::string owner_id, bool is_public, std::function<void(std::shared_ptr<Job>, FinishJob)> work,
    std::string kind) {
  sweep();
  auto job = std::make_shared<Job>(new_uuid(), std::move(owner_id), is_public, std::move(kind));
  {
    std::lock_guard lock(mutex_);
    jobs_[job->id()] = job;
  }
  run_pool_.submit([job, work = std::move(work), tracked = track_run()] {
    job->mark_started();
    if (job->stop_token().stop_requested()) return job->finish(Job::Status::cancelled);
    auto finish = [job, tracked](Job::Status status) { job->finish(status); };
    try {
      work(job, finish);
    } catch (const std::exception&) {
      finish(Job::Status::failed);  // Job::finish keeps the first status it is given
    }
  });
  return job;
}

std::shared_ptr<void> JobManager::track_run() {
  {
    std::lock_guard lock(mutex_);
    ++runs_in_flight_;
  }
  return std::shared_ptr<void>(nullptr, [this](void*) {
    std::lock_guard lock(mutex_);
    if (--runs_in_flight_ == 0) runs_ended_.notify_all();
  });
}

std::shared_ptr<Job> JobManager::find(const std::string& id) {
  sweep();
  std::lock_guard lock(mutex_);
  auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : it->second;
}

void JobManager::submit(std::function<void(std::stop_token)> task) {
  run_pool_.submit([task = std::move(task), token = shutdown_.get_token()] { task(token); });
}

size_t JobManager::job_count() {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

size_t JobManager::job_count(std::string_view kind) {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& [id, job] : jobs_) n += job->kind() == kind ? 1 : 0;
  return n;
}

void JobManager::sweep() {
  const auto now = Job::Clock::now();
  std::lock_guard lock(mutex_);
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    auto finished = it->second->finished_at();
    if (finished && now - *finished > options_.keep_finished) {
      it = jobs_.erase(it);
      continue;
    }
    if (!finished && now - it->second->created_at() > options_.max_runtime) it->second->cancel();
    ++it;
  }
}

}  // namespace lfkit::jobs
