// Store::add_run_records: runs' messages and run records, queued and then written by the
// write-behind thread in one group transaction, each record inside its own savepoint so a
// failing one is skipped alone.
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

Status SqliteStore::write_run_records(std::vector<RunRecord>& records) {
  if (records.empty()) return {};
  return group_write([&](Db& db) -> Status {
    for (auto& record : records) {
      LFKIT_TRY(run_sql(db, "SAVEPOINT lfkit_record"));
      Status done = std::visit(
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
      // SQLite rolled the whole transaction back (I/O error, full disk): nothing to keep.
      if (sqlite3_get_autocommit(db.handle())) {
        return done ? store_failure(StoreErrorCode::io, "transaction rolled back") : done;
      }
      if (!done) LFKIT_TRY(run_sql(db, "ROLLBACK TO lfkit_record"));
      LFKIT_TRY(run_sql(db, "RELEASE lfkit_record"));
    }
    return {};
  });
}

}  // namespace lfkit::store
