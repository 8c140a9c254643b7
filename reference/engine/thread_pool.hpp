// A fixed-size pool of std::jthread workers draining one FIFO task queue.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lfkit::engine {

class ThreadPool {
 public:
  explicit ThreadPool(size_t threads);
  ~ThreadPool();  // shutdown()
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void submit(std::function<void()> task);
  // Runs what is queued, then joins the workers; idempotent. Tasks submitted
  // afterwards are never run (they are destroyed with the pool).
  void shutdown();
  size_t size() const { return workers_.size(); }

 private:
  void work();

  // A plain condition_variable and flag: condition_variable_any's stop_token wait takes a
  // second mutex and registers a stop callback on every wait, once per task under load.
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::deque<std::function<void()>> tasks_;
  std::vector<std::jthread> workers_;
};

}  // namespace lfkit::engine
