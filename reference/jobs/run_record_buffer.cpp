#include "jobs/run_record_buffer.hpp"

namespace lfkit::jobs {

void RunRecordBuffer::add(store::RunRecord record) {
  bool full = false;
  {
    std::lock_guard lock(mu_);
    pending_.push_back(std::move(record));
    full = pending_.size() >= kMaxPending;
  }
  if (full) flush();
}

void RunRecordBuffer::flush() {
  std::lock_guard flush_lock(flush_mu_);
  std::vector<store::RunRecord> batch;
  {
    std::lock_guard lock(mu_);
    batch.swap(pending_);
  }
  // Failures are the engine's to ignore, as with single writes: a message of a
  // flow without a row (public builds) stays announce-only.
  if (!batch.empty()) (void)store_.add_run_records(std::move(batch));
}

}  // namespace lfkit::jobs
