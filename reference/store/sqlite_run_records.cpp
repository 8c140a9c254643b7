// Store::add_run_records: runs' messages and run records, queued and then written by the
// write-behind thread in one group transaction; a failing record is skipped alone.
#include <sqlite3.h>

#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"
#include "store/sqlite_write_behind.hpp"

namespace lfkit::store {

using detail::run_sql;

Status SqliteStore::add_run_records(std::vector<RunRecord> records) {
  behind_->push(std::move(records));
  return {};
}

void SqliteStore::await_run_records() {
  behind_->wait_written();
}

Status SqliteStore::write_run_record(Db& db, RunRecord& record) {
  return std::visit(
      [&](auto& r) -> Status {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, MessageAdd>) return write_message(db, r.message);
        if constexpr (std::is_same_v<T, MessageUpdate>)
          return write_message_update(db, r.user_id, r.message);
        if constexpr (std::is_same_v<T, TransactionAdd>)
          return write_transaction(db, r.transaction, r.limits);
        if constexpr (std::is_same_v<T, VertexBuildAdd>)
          return write_vertex_build(db, r.build, r.limits);
      },
      record);
}

namespace {

// SQLite rolled the whole transaction back (I/O error, full disk): nothing to keep.
Status rolled_back(const Status& done) {
  return done ? store_failure(StoreErrorCode::io, "transaction rolled back") : done;
}

}  // namespace

Status SqliteStore::write_run_records(std::vector<RunRecord>& records) {
  if (records.empty()) return {};
  return group_write([&](Db& db) -> Status {
    // First every record under one savepoint: a savepoint copies each page it changes to the
    // sub-journal once, so one per record would copy a run's pages six times over. Only when
    // a record fails (a message of a flow without a row) is the batch redone one savepoint per
    // record, so that the failing record alone is skipped.
    LFKIT_TRY(run_sql(db, "SAVEPOINT lfkit_records"));
    Status all;
    for (auto& record : records) {
      all = write_run_record(db, record);
      if (!all) break;
    }
    if (sqlite3_get_autocommit(db.handle())) return rolled_back(all);
    if (all) return run_sql(db, "RELEASE lfkit_records");
    LFKIT_TRY(run_sql(db, "ROLLBACK TO lfkit_records"));
    LFKIT_TRY(run_sql(db, "RELEASE lfkit_records"));
    forget_row_counts();  // the rolled-back inserts were counted
    for (auto& record : records) {
      LFKIT_TRY(run_sql(db, "SAVEPOINT lfkit_record"));
      Status done = write_run_record(db, record);
      if (sqlite3_get_autocommit(db.handle())) return rolled_back(done);
      if (!done) LFKIT_TRY(run_sql(db, "ROLLBACK TO lfkit_record"));
      LFKIT_TRY(run_sql(db, "RELEASE lfkit_record"));
    }
    return {};
  });
}

}  // namespace lfkit::store
