#include "store/sqlite_group_commit.hpp"

namespace lfkit::store {

Status GroupCommit::submit(const WriteFn& write) {
  PendingWrite mine{&write, {}, false};
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  while (!mine.done) {
    if (leading_) {
      done_.wait(lock);
      continue;
    }
    leading_ = true;
    while (!queue_.empty()) {
      std::vector<PendingWrite*> batch;
      batch.swap(queue_);
      lock.unlock();  // writes arriving now queue up for the next batch
      runner_(batch);
      lock.lock();
      for (auto* pending : batch) pending->done = true;
      done_.notify_all();
    }
    leading_ = false;
  }
  return std::move(mine.result);
}

}  // namespace lfkit::store
