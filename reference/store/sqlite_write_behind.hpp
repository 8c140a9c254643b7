// Run records (a run's messages, transactions and vertex builds) written behind the run: the
// run hands them over and goes on; one background thread writes whatever has queued up as one
// group transaction. Under load that is many runs per commit instead of one, which is most of
// what a run costs the database (the WAL pages a commit writes are shared by all its rows).
//
// Nothing reads around the queue: every store call that reads or changes these tables (or
// deletes what they hang off) first calls wait_written(), which returns once everything queued
// before it is in the database. Within this process a client sees its run's records at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/entities.hpp"

namespace lfkit::store {

class WriteBehind {
 public:
  // Writes one batch (blocking); its failures are the records' own (each is best effort).
  using Writer = std::function<void(std::vector<RunRecord>&)>;
  explicit WriteBehind(Writer writer);
  ~WriteBehind();  // writes what is queued, then stops
  WriteBehind(const WriteBehind&) = delete;
  WriteBehind& operator=(const WriteBehind&) = delete;

  // Queues `records`; blocks only while the queue is over its bound (the writer is behind).
  void push(std::vector<RunRecord> records);
  // Returns once every record pushed before this call has been written. Must not be called
  // while holding the store's writer lock (the background write needs it).
  void wait_written();

 private:
  static constexpr size_t kMaxQueued = 4096;  // records (~700 runs); beyond this, producers wait
  // Once records arrive, the writer lingers this long (or until kBatchTarget have queued, or
  // someone waits for them) so that one commit carries many runs: a commit rewrites the WAL
  // pages its rows touched, and consecutive runs touch the same tail pages of each index.
  static constexpr std::chrono::microseconds kLinger{2000};
  static constexpr size_t kBatchTarget = 512;
  void run();

  Writer writer_;
  std::mutex mu_;
  std::condition_variable work_;      // the writer waits for records or stop
  std::condition_variable progress_;  // waiters for a write, and producers over the bound
  std::vector<RunRecord> queue_;
  uint64_t pushed_ = 0;                   // pushes so far (under mu_)
  std::atomic<uint64_t> pushed_seen_{0};  // mirrors pushed_ for the lock-free fast path
  std::atomic<uint64_t> written_{0};      // pushes whose records are in the database
  size_t waiters_ = 0;  // callers blocked in wait_written (under mu_): no lingering then
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace lfkit::store
