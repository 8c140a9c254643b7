// One group-commit batch: BEGIN IMMEDIATE, each write inside its own SAVEPOINT (a failing write
// undoes only itself and gets its own error), due API key uses, COMMIT.
#include <sqlite3.h>

#include <exception>

#include "store/sqlite_change_clock.hpp"
#include "store/sqlite_group_commit.hpp"
#include "store/sqlite_key_usage.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using detail::run_sql;

Status guarded(const WriteFn& write, Db& db) {
  try {
    return write(db);
  } catch (const std::exception& e) {
    return store_failure(StoreErrorCode::io, e.what());
  }
}

Status in_savepoint(Db& db, const WriteFn& write) {
  LFKIT_TRY(run_sql(db, "SAVEPOINT lfkit_write"));
  Status done = guarded(write, db);
  if (done) done = run_sql(db, "RELEASE lfkit_write");
  if (!done && !sqlite3_get_autocommit(db.handle())) {
    (void)run_sql(db, "ROLLBACK TO lfkit_write");
    (void)run_sql(db, "RELEASE lfkit_write");
  }
  return done;
}

bool in_transaction(Db& db) {
  return !sqlite3_get_autocommit(db.handle());
}

}  // namespace

void SqliteStore::run_batch(const std::vector<PendingWrite*>& batch) {
  WriterGuard lock(*this);
  Status begun = db_->exec("BEGIN IMMEDIATE");
  size_t first = 0;  // writes before `first` belong to a transaction SQLite has rolled back
  for (size_t i = 0; i < batch.size() && begun; ++i) {
    batch[i]->result = in_savepoint(*db_, *batch[i]->write);
    if (in_transaction(*db_)) continue;
    // Some errors (I/O, full disk) roll the whole transaction back: earlier writes are lost.
    forget_row_counts();
    for (size_t j = first; j < i; ++j) batch[j]->result = batch[i]->result;
    first = i + 1;
    begun = db_->exec("BEGIN IMMEDIATE");
  }
  if (!begun) {
    for (size_t j = first; j < batch.size(); ++j) batch[j]->result = begun;
    return;
  }
  ApiKeyUsage::Batch uses = key_usage_->due();
  if (!uses.empty()) {
    clock_->set_muted(true);  // use counters are no cached view's business
    if (!in_savepoint(*db_, [&](Db& db) { return ApiKeyUsage::write(db, uses); })) {
      uses.clear();  // rolled back: they stay pending for the next batch
    }
    clock_->set_muted(false);
  }
  Status committed;
  {
    std::unique_lock<std::shared_mutex> guard;
    if (!uses.empty()) guard = key_usage_->commit_guard();
    committed = db_->exec("COMMIT");
    if (committed && !uses.empty()) key_usage_->committed(uses);
  }
  if (committed) return;
  if (in_transaction(*db_)) (void)db_->exec("ROLLBACK");
  forget_row_counts();
  for (size_t j = first; j < batch.size(); ++j) {
    if (batch[j]->result) batch[j]->result = committed;
  }
}

Status SqliteStore::flush_key_usage() {
  key_usage_->request_flush();
  return group_write([](Db&) { return Status{}; });  // the batch writes the uses
}

}  // namespace lfkit::store
