#include "store/sqlite_reader_pool.hpp"

namespace lfkit::store {

ReadLease::ReadLease(ReadLease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      owned_(std::move(other.owned_)),
      lock_(std::move(other.lock_)),
      db_(other.db_) {}

ReadLease::~ReadLease() {
  if (pool_ && owned_) pool_->release(std::move(owned_));
}

Result<ReadLease> ReaderPool::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < cap_; });
  if (!idle_.empty()) {
    auto db = std::move(idle_.back());
    idle_.pop_back();
    return ReadLease(*this, std::move(db));
  }
  ++open_;
  lock.unlock();  // opening takes a while; others may take idle connections meanwhile
  auto db = Db::open(path_, DbRole::reader);
  if (!db) {
    lock.lock();
    --open_;
    freed_.notify_one();
    return lfkit::unexpected(db.error());
  }
  return ReadLease(*this, std::move(*db));
}

void ReaderPool::release(std::unique_ptr<Db> db) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(db));
  }
  freed_.notify_one();
}

}  // namespace lfkit::store
