// API key use counters. Every request authenticated by a key records a use; writing each one
// would make a write per GET. Uses are summed in memory per key and written in a group commit
// at most about once a second (and at close). Reads of keys add the uses not yet written, so
// total_uses / last_used_at are always exactly what per-use writes would have produced.
//
// Exactness needs one rule: a key read (database + overlay) and a flush's COMMIT (+ dropping
// what it wrote from memory) never overlap: readers hold read_guard(), the committer
// commit_guard(). Lock order: writer mutex or read lease, then these guards, then `mutex_`.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "store/sqlite_db.hpp"

namespace lfkit::store {

class ApiKeyUsage {
 public:
  struct Uses {
    int64_t count = 0;
    Time latest{};  // of the most recent use recorded
  };
  using Batch = std::unordered_map<std::string, Uses>;

  // Counts a use of a key known to exist; true when a flush is due.
  bool record(std::string_view key_id, Time when);
  // Keys seen by a read: uses of them need no existence check. Call under read_guard().
  bool known(std::string_view key_id);
  void learn(std::string_view key_id);
  // After deleting keys (under commit_guard()): forget them and their unwritten uses.
  void forget(std::string_view key_id);
  void forget_all();

  // Adds unwritten uses to a key just read; hold read_guard() across the read and this.
  void overlay(ApiKey& key);
  std::shared_lock<std::shared_mutex> read_guard() { return std::shared_lock(commit_); }
  std::unique_lock<std::shared_mutex> commit_guard() { return std::unique_lock(commit_); }

  // Makes the next due() return every pending use, whatever the interval.
  void request_flush();
  // The uses to write now (empty when none are due). They stay counted in memory until
  // committed(), so reads never miss them.
  Batch due();
  static Status write(Db& db, const Batch& batch);
  void committed(const Batch& batch);  // under commit_guard(), right after COMMIT

 private:
  static constexpr auto kInterval = std::chrono::seconds(1);

  std::shared_mutex commit_;
  std::mutex mutex_;  // guards the fields below; never held while taking another lock
  Batch pending_;
  bool flush_requested_ = false;
  std::unordered_set<std::string> known_;
  std::chrono::steady_clock::time_point last_flush_ = std::chrono::steady_clock::now();
};

}  // namespace lfkit::store
