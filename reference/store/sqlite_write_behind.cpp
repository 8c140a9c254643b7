#include "store/sqlite_write_behind.hpp"

namespace lfkit::store {

WriteBehind::WriteBehind(Writer writer) : writer_(std::move(writer)), thread_([this] { run(); }) {}

WriteBehind::~WriteBehind() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  work_.notify_one();
  thread_.join();
}

void WriteBehind::push(std::vector<RunRecord> records) {
  if (records.empty()) return;
  bool wake = false;
  {
    std::unique_lock lock(mu_);
    progress_.wait(lock, [&] { return queue_.size() < kMaxQueued; });
    const bool was_empty = queue_.empty();
    for (auto& record : records) queue_.push_back(std::move(record));
    pushed_seen_.store(++pushed_, std::memory_order_release);
    // The writer needs waking only to start a batch or to cut its linger short.
    wake = was_empty || queue_.size() >= kBatchTarget;
  }
  if (wake) work_.notify_one();
}

void WriteBehind::wait_written() {
  const uint64_t target = pushed_seen_.load(std::memory_order_acquire);
  if (written_.load(std::memory_order_acquire) >= target) return;  // the usual case: idle
  std::unique_lock lock(mu_);
  ++waiters_;
  work_.notify_one();  // the writer stops lingering
  progress_.wait(lock, [&] { return written_.load(std::memory_order_acquire) >= target; });
  --waiters_;
}

void WriteBehind::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    work_.wait_for(lock, kLinger,
                   [&] { return stopping_ || waiters_ > 0 || queue_.size() >= kBatchTarget; });
    std::vector<RunRecord> batch;
    batch.swap(queue_);
    const uint64_t through = pushed_;
    lock.unlock();
    progress_.notify_all();  // producers waiting on the bound may go on
    writer_(batch);
    lock.lock();
    written_.store(through, std::memory_order_release);
    progress_.notify_all();
  }
}

}  // namespace lfkit::store
