// Store::add_run_records: runs' messages and run records, queued and then written by the
// write-behind thread in one group transaction; a failing record is skipped alone.
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <string_view>

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
          return write_transaction(db, r.transaction);
        if constexpr (std::is_same_v<T, VertexBuildAdd>)
          return write_vertex_build(db, r.build, r.limits);
      },
      record);
}

namespace {

// A batch holding more builds of one vertex than its per-vertex cap keeps would insert the
// older ones only to trim them again before the batch commits: they are dropped up front
// (the newest `max_per_vertex` of each vertex stay, in order). Under load a batch carries many
// runs of the same flow, so this saves most of the vertex-build writes.
void drop_superseded_builds(std::vector<RunRecord>& records) {
  std::map<std::pair<std::string_view, std::string_view>, int64_t> newer;
  std::vector<bool> drop(records.size(), false);
  bool any = false;
  for (size_t i = records.size(); i-- > 0;) {
    auto* add = std::get_if<VertexBuildAdd>(&records[i]);
    if (!add || add->limits.max_per_vertex <= 0) continue;
    int64_t& seen = newer[{add->build.flow_id, add->build.vertex_id}];
    drop[i] = ++seen > add->limits.max_per_vertex;
    any = any || drop[i];
  }
  if (!any) return;
  size_t kept = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) records[kept] = std::move(records[i]);  // never a self-move
    ++kept;
  }
  records.resize(kept);
}

struct BatchCaps {
  RetentionLimits transactions, builds;
};

// The global caps the batch asks for (each record carries its own; the largest wins).
BatchCaps batch_caps(const std::vector<RunRecord>& records) {
  BatchCaps caps;
  for (const auto& record : records) {
    if (auto* t = std::get_if<TransactionAdd>(&record))
      caps.transactions.max_total = std::max(caps.transactions.max_total, t->limits.max_total);
    if (auto* b = std::get_if<VertexBuildAdd>(&record))
      caps.builds.max_total = std::max(caps.builds.max_total, b->limits.max_total);
  }
  return caps;
}

// SQLite rolled the whole transaction back (I/O error, full disk): nothing to keep.
Status rolled_back(const Status& done) {
  return done ? store_failure(StoreErrorCode::io, "transaction rolled back") : done;
}

}  // namespace

Status SqliteStore::write_run_records(std::vector<RunRecord>& records) {
  if (records.empty()) return {};
  drop_superseded_builds(records);
  const BatchCaps caps = batch_caps(records);
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
    if (all) {
      LFKIT_TRY(run_sql(db, "RELEASE lfkit_records"));
      return trim_run_records(db, caps.transactions, caps.builds);
    }
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
    return trim_run_records(db, caps.transactions, caps.builds);
  });
}

}  // namespace lfkit::store
