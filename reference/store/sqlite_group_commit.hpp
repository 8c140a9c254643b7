// Leader/follower group commit. Concurrent writers queue their write and wait; the first one
// to find no leader becomes leader and hands every queued write, as one batch, to the runner
// (which runs them in a single transaction), wakes their callers, and repeats while writes
// keep arriving. One commit then serves many callers instead of one each.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

#include "store/sqlite_db.hpp"

namespace lfkit::store {

using WriteFn = std::function<Status(Db&)>;

struct PendingWrite {
  const WriteFn* write;
  Status result;  // set by the runner: the write's own outcome, or the batch's failure
  bool done = false;
};

class GroupCommit {
 public:
  // Runs a batch and sets every result; must not throw.
  using Runner = std::function<void(const std::vector<PendingWrite*>&)>;
  explicit GroupCommit(Runner runner) : runner_(std::move(runner)) {}

  // Returns once `write` has been committed (or has failed), with its own status.
  Status submit(const WriteFn& write);

 private:
  Runner runner_;
  std::mutex mutex_;
  std::condition_variable done_;
  std::vector<PendingWrite*> queue_;
  bool leading_ = false;
};

}  // namespace lfkit::store
