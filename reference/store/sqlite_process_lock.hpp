// Keeps a second server off a database this process already serves. The store's caches
// (ChangeClock) assume every write goes through this process's writer connection; another
// writer would change rows behind them. The lock is an flock on "<database>.lfkit-lock",
// a file of its own: SQLite's fcntl locks on the database file itself would be dropped when
// any other descriptor of that file is closed.
#pragma once

#include <string>

#include "store/store_error.hpp"

namespace lfkit::store {

class ProcessLock {
 public:
  // conflict when another process holds the lock; io when the lock file cannot be opened.
  static Result<ProcessLock> acquire(const std::string& database_path);
  ProcessLock(ProcessLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  ProcessLock& operator=(ProcessLock&&) = delete;
  ~ProcessLock();

 private:
  explicit ProcessLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace lfkit::store
