// Read connections of a file database. Each read call checks one out for its duration, so
// reads run in parallel with each other and with the writer (WAL: a read sees every commit
// made before its statement starts). Connections open lazily up to a cap; callers block
// while all are busy.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite_db.hpp"

namespace lfkit::store {

class ReaderPool;

// A connection to read from for one store call: a pooled reader, or (":memory:", where only
// the writer connection sees the data) the writer held under its mutex.
class ReadLease {
 public:
  ReadLease(ReaderPool& pool, std::unique_ptr<Db> db)
      : pool_(&pool), owned_(std::move(db)), db_(owned_.get()) {}
  ReadLease(std::unique_lock<std::mutex> lock, Db& db) : lock_(std::move(lock)), db_(&db) {}
  ReadLease(ReadLease&& other) noexcept;
  ReadLease(const ReadLease&) = delete;
  ReadLease& operator=(const ReadLease&) = delete;
  ReadLease& operator=(ReadLease&&) = delete;
  ~ReadLease();

  Db& operator*() const { return *db_; }
  Db* operator->() const { return db_; }

 private:
  ReaderPool* pool_ = nullptr;
  std::unique_ptr<Db> owned_;
  std::unique_lock<std::mutex> lock_;
  Db* db_;
};

class ReaderPool {
 public:
  ReaderPool(std::string path, size_t cap) : path_(std::move(path)), cap_(cap) {}

  Result<ReadLease> acquire();
  void release(std::unique_ptr<Db> db);

 private:
  std::string path_;
  size_t cap_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Db>> idle_;
  size_t open_ = 0;  // idle + checked out
};

}  // namespace lfkit::store
