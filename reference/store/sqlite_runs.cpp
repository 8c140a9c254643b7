// Run records: transactions and vertex builds, owned through their flow's owner.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

#define OWNED_FLOW "flow_id = ?2 AND flow_id IN (SELECT id FROM flows WHERE user_id = ?1)"

Transaction read_transaction(Statement& st) {
  Transaction t;
  t.id = st.text(0);
  t.timestamp = st.time(1);
  t.vertex_id = st.text(2);
  t.target_id = st.opt_text(3);
  t.inputs_json = st.text(4);
  t.outputs_json = st.text(5);
  t.status = st.text(6);
  t.error = st.opt_text(7);
  t.flow_id = st.text(8);
  return t;
}

VertexBuild read_build(Statement& st) {
  VertexBuild b;
  b.build_id = st.text(0);
  b.vertex_id = st.text(1);
  b.flow_id = st.text(2);
  b.timestamp = st.time(3);
  b.valid = st.boolean(4);
  b.params = st.text(5);
  b.data_json = st.text(6);
  b.artifacts_json = st.text(7);
  b.job_id = st.opt_text(8);
  return b;
}

// Rows in a table: counted once, then kept up to date by the caller (under the writer mutex).
Result<int64_t> row_count(Db& db, std::optional<int64_t>& rows, const char* count_sql) {
  if (!rows) {
    auto st = db.prepare(count_sql);
    if (!st) return lfkit::unexpected(st.error());
    auto counted = count_row(*st);
    if (!counted) return counted;
    rows = *counted;
  }
  return *rows;
}

// Oldest rows past the global cap go, as `LIMIT max(0, COUNT(*) - cap)` over (timestamp,
// rowid) did; the tracked count makes the common case (under the cap) free, and the timestamp
// index makes a trim O(log n).
Status trim_oldest(Db& db, std::optional<int64_t>& rows, int64_t cap, const char* count_sql,
                   const char* delete_sql) {
  if (cap <= 0) return {};
  auto total = row_count(db, rows, count_sql);
  if (!total) return lfkit::unexpected(total.error());
  if (*total <= cap) return {};
  auto st = db.prepare(delete_sql);
  if (!st) return lfkit::unexpected(st.error());
  auto deleted = st->bind(*total - cap).run();
  if (!deleted) return lfkit::unexpected(deleted.error());
  *rows -= *deleted;
  return {};
}

Status insert_transaction(Db& db, const Transaction& tx, std::optional<int64_t>& rows) {
  auto st = db.prepare(
      "INSERT INTO transactions (id, timestamp, vertex_id, target_id, inputs, outputs, status, "
      "error, flow_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(tx.id, tx.timestamp, tx.vertex_id, tx.target_id, tx.inputs_json,
                     tx.outputs_json, tx.status, tx.error, tx.flow_id)
                .run());
  if (rows) ++*rows;
  return {};
}

Status insert_vertex_build(Db& db, const VertexBuild& b, RetentionLimits limits,
                           std::optional<int64_t>& rows) {
  {
    auto st = db.prepare(
        "INSERT INTO vertex_builds (build_id, id, flow_id, timestamp, valid, params, data, "
        "artifacts, job_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(b.build_id, b.vertex_id, b.flow_id, b.timestamp, b.valid, b.params,
                       b.data_json, b.artifacts_json, b.job_id)
                  .run());
    if (rows) ++*rows;
  }
  if (limits.max_per_vertex > 0) {
    // All but the newest N of this vertex, walked on the (flow_id, id, timestamp) index.
    auto st = db.prepare(
        "DELETE FROM vertex_builds WHERE rowid IN (SELECT rowid FROM vertex_builds "
        "WHERE flow_id = ?1 AND id = ?2 ORDER BY timestamp DESC, rowid DESC LIMIT -1 OFFSET ?3)");
    if (!st) return lfkit::unexpected(st.error());
    auto deleted = st->bind(b.flow_id, b.vertex_id, limits.max_per_vertex).run();
    if (!deleted) return lfkit::unexpected(deleted.error());
    if (rows) *rows -= *deleted;
  }
  return {};
}

}  // namespace

void SqliteStore::forget_row_counts() {
  transaction_rows_.reset();
  vertex_build_rows_.reset();
}

Status SqliteStore::write_transaction(Db& db, Transaction& tx) {
  ensure_id(tx.id);
  if (unset(tx.timestamp)) tx.timestamp = now();
  auto done = insert_transaction(db, tx, transaction_rows_);
  if (!done) transaction_rows_.reset();  // the savepoint undoes what was counted
  return done;
}

Status SqliteStore::trim_run_records(Db& db, RetentionLimits transactions,
                                     RetentionLimits vertex_builds) {
  auto done = trim_oldest(db, transaction_rows_, transactions.max_total,
                          "SELECT COUNT(*) FROM transactions",
                          "DELETE FROM transactions WHERE rowid IN (SELECT rowid FROM "
                          "transactions ORDER BY timestamp, rowid LIMIT ?1)");
  if (done)
    done = trim_oldest(db, vertex_build_rows_, vertex_builds.max_total,
                       "SELECT COUNT(*) FROM vertex_builds",
                       "DELETE FROM vertex_builds WHERE rowid IN (SELECT rowid FROM "
                       "vertex_builds ORDER BY timestamp, rowid LIMIT ?1)");
  if (!done) forget_row_counts();
  return done;
}

Status SqliteStore::add_transaction(Transaction tx, RetentionLimits limits) {
  await_run_records();
  return group_write([&](Db& db) -> Status {
    LFKIT_TRY(write_transaction(db, tx));
    return trim_run_records(db, limits, {});
  });
}

Result<Page<Transaction>> SqliteStore::list_transactions(std::string_view user_id,
                                                         std::string_view flow_id,
                                                         PageRequest page) {
  await_run_records();
  if (page.page < 1 || page.size < 1) {
    return store_failure(StoreErrorCode::invalid, "page and size must be positive");
  }
  LFKIT_READ_DB(db);
  // The count and the page come from one snapshot, so a concurrent write cannot split them.
  ReadTxn snapshot(db);
  LFKIT_TRY(snapshot.begin());
  Page<Transaction> out;
  {
    auto st = db.prepare("SELECT COUNT(*) FROM transactions WHERE " OWNED_FLOW);
    if (!st) return lfkit::unexpected(st.error());
    auto total = count_row(st->bind(user_id, flow_id));
    if (!total) return lfkit::unexpected(total.error());
    out.total = *total;
  }
  auto st = db.prepare(
      "SELECT id, timestamp, vertex_id, target_id, inputs, outputs, status, error, flow_id "
      "FROM transactions WHERE " OWNED_FLOW " ORDER BY timestamp, rowid LIMIT ?3 OFFSET ?4");
  if (!st) return lfkit::unexpected(st.error());
  auto rows =
      collect(st->bind(user_id, flow_id, page.size, (page.page - 1) * page.size), read_transaction);
  if (!rows) return lfkit::unexpected(rows.error());
  out.items = std::move(*rows);
  return out;
}

Status SqliteStore::delete_transactions(std::string_view user_id, std::string_view flow_id) {
  await_run_records();
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM transactions WHERE " OWNED_FLOW);
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(user_id, flow_id).run());
  forget_row_counts();
  return {};
}

Status SqliteStore::write_vertex_build(Db& db, VertexBuild& b, RetentionLimits limits) {
  ensure_id(b.build_id);
  if (unset(b.timestamp)) b.timestamp = now();
  auto done = insert_vertex_build(db, b, limits, vertex_build_rows_);
  if (!done) vertex_build_rows_.reset();  // the savepoint undoes what was counted
  return done;
}

Status SqliteStore::add_vertex_build(VertexBuild b, RetentionLimits limits) {
  await_run_records();
  return group_write([&](Db& db) -> Status {
    LFKIT_TRY(write_vertex_build(db, b, limits));
    return trim_run_records(db, {}, limits);
  });
}

Result<std::vector<VertexBuild>> SqliteStore::list_vertex_builds(std::string_view user_id,
                                                                 std::string_view flow_id) {
  await_run_records();
  LFKIT_READ_DB(db);
  auto st = db.prepare(
      "SELECT build_id, id, flow_id, timestamp, valid, params, data, artifacts, job_id "
      "FROM vertex_builds WHERE " OWNED_FLOW " ORDER BY timestamp, rowid");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id, flow_id), read_build);
}

Status SqliteStore::delete_vertex_builds(std::string_view user_id, std::string_view flow_id) {
  await_run_records();
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM vertex_builds WHERE " OWNED_FLOW);
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(user_id, flow_id).run());
  forget_row_counts();
  return {};
}

}  // namespace lfkit::store
