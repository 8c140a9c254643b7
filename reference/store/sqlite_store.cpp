#include "store/sqlite_store.hpp"

#include "store/migrations.hpp"
#include "store/sqlite_change_clock.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_group_commit.hpp"
#include "store/sqlite_key_usage.hpp"
#include "store/sqlite_process_lock.hpp"
#include "store/sqlite_reader_pool.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_write_behind.hpp"

namespace lfkit::store {
namespace {

// Enough for the server's I/O and run threads; more would only add file handles.
constexpr size_t kMaxReaders = 8;

bool in_memory(const std::string& path) {
  return path.empty() || path == ":memory:";  // "" is a private temp database: per connection too
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  std::unique_ptr<ProcessLock> lock;
  if (!in_memory(path)) {
    auto acquired = ProcessLock::acquire(path);
    if (!acquired) return lfkit::unexpected(acquired.error());
    lock = std::make_unique<ProcessLock>(std::move(*acquired));
  }
  auto db = Db::open(path);
  if (!db) return lfkit::unexpected(db.error());
  if (auto ok = apply_migrations(**db, sqlite_migrations()); !ok) {
    return lfkit::unexpected(ok.error());
  }
  // A ":memory:" database exists only on its one connection: readers could not see it.
  std::unique_ptr<ReaderPool> readers;
  if (!in_memory(path)) readers = std::make_unique<ReaderPool>(path, kMaxReaders);
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::move(lock), std::move(*db), std::move(readers)));
}

SqliteStore::SqliteStore(std::unique_ptr<ProcessLock> lock, std::unique_ptr<Db> db,
                         std::unique_ptr<ReaderPool> readers)
    : lock_(std::move(lock)),
      clock_(std::make_unique<ChangeClock>()),
      db_(std::move(db)),
      readers_(std::move(readers)),
      key_usage_(std::make_unique<ApiKeyUsage>()),
      group_(std::make_unique<GroupCommit>(
          [this](const std::vector<PendingWrite*>& batch) { run_batch(batch); })) {
  clock_->attach(*db_);
  behind_ = std::make_unique<WriteBehind>(
      [this](std::vector<RunRecord>& records) { (void)write_run_records(records); });
}

SqliteStore::~SqliteStore() {
  behind_.reset();          // writes what is still queued
  (void)flush_key_usage();  // best effort: a failure here has no caller to tell
}

SqliteStore::WriterGuard::WriterGuard(SqliteStore& store)
    : lock_(store.mutex_), clock_(*store.clock_) {}

SqliteStore::WriterGuard::~WriterGuard() {
  clock_.publish();
}

Result<ReadLease> SqliteStore::reader() {
  if (readers_) return readers_->acquire();
  return ReadLease(std::unique_lock(mutex_), *db_);
}

Status SqliteStore::group_write(const std::function<Status(Db&)>& write) {
  return group_->submit(write);
}

Result<int64_t> SqliteStore::schema_version() {
  LFKIT_READ_DB(db);
  return current_schema_version(db);
}

}  // namespace lfkit::store
