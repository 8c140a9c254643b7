// Bounded in-memory log ring for the /logs and /logs-stream endpoints,
// with the query operations of Langflow's SizedLogBuffer. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace lfkit::http {

class LogBuffer {
 public:
  // (epoch milliseconds, line)
  using Entry = std::pair<int64_t, std::string>;
  using Entries = std::vector<Entry>;

  // capacity 0 = disabled (Langflow: buffer size 0 means log retrieval is off).
  explicit LogBuffer(size_t capacity = 0) : capacity_(capacity) {}

  bool enabled() const;
  size_t capacity() const;
  void set_capacity(size_t capacity);  // drops the oldest lines beyond it
  size_t size() const;

  // Appends a line, dropping the oldest when full. Ignored while disabled.
  void write(int64_t epoch_ms, std::string line);
  void write(std::string line);  // stamped with the current time

  // The query operations below return what Langflow returns as a dict keyed by
  // timestamp: ordered by first appearance, a repeated timestamp keeps the last line.

  // The last n lines; n == 0 returns every line (Python's list[-0:]).
  Entries last_n(size_t n) const;
  // Up to `lines` lines immediately before the first line stamped >= ts;
  // when no line is that new, the last `lines` lines.
  Entries before_timestamp(int64_t ts, size_t lines) const;
  // The first `lines` lines stamped >= ts.
  Entries after_timestamp(int64_t ts, size_t lines) const;

  // For streaming: every line written since `cursor` (uncollapsed, in order),
  // advancing it. Start with cursor = next_sequence() to skip the backlog.
  Entries read_since(uint64_t& cursor) const;
  uint64_t next_sequence() const;

 private:
  static Entries collapse(Entries entries);

  mutable std::mutex mu_;
  std::deque<Entry> lines_;
  size_t capacity_;
  uint64_t next_seq_ = 0;  // sequence number of the next line written
};

}  // namespace lfkit::http
