// A run's store writes (messages, transactions, vertex builds), held in memory
// and written together by flush(): one group transaction per run instead of one
// per record. Flushed at the end of the run (before its result or terminal event
// is sent), before a read that must see them (chat history), and when many
// are pending (long loops).
#pragma once

#include <mutex>
#include <vector>

#include "store/store.hpp"

namespace lfkit::jobs {

class RunRecordBuffer {
 public:
  explicit RunRecordBuffer(store::Store& store) : store_(store) {}
  ~RunRecordBuffer() { flush(); }
  RunRecordBuffer(const RunRecordBuffer&) = delete;
  RunRecordBuffer& operator=(const RunRecordBuffer&) = delete;

  // Thread-safe (a layer's vertices run concurrently); keeps the order of calls.
  void add(store::RunRecord record);
  // Writes everything added so far; returns once it is committed. Thread-safe.
  void flush();

 private:
  static constexpr size_t kMaxPending = 256;

  store::Store& store_;
  std::mutex flush_mu_;  // one flush at a time, so batches commit in the order they were taken
  std::mutex mu_;        // guards pending_
  std::vector<store::RunRecord> pending_;
};

}  // namespace lfkit::jobs
