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

}  // namespace

Status SqliteStore::add_transaction(Transaction tx, RetentionLimits limits) {
  ensure_id(tx.id);
  if (unset(tx.timestamp)) tx.timestamp = now();
  std::lock_guard lock(mutex_);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  {
    auto st = db_->prepare(
        "INSERT INTO transactions (id, timestamp, vertex_id, target_id, inputs, outputs, status, "
        "error, flow_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(tx.id, tx.timestamp, tx.vertex_id, tx.target_id, tx.inputs_json,
                       tx.outputs_json, tx.status, tx.error, tx.flow_id)
                  .run());
  }
  if (limits.max_total > 0) {
    auto st = db_->prepare(
        "DELETE FROM transactions WHERE rowid IN (SELECT rowid FROM transactions "
        "ORDER BY timestamp, rowid LIMIT max(0, (SELECT COUNT(*) FROM transactions) - ?1))");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(limits.max_total).run());
  }
  return txn.commit();
}

Result<Page<Transaction>> SqliteStore::list_transactions(std::string_view user_id,
                                                         std::string_view flow_id,
                                                         PageRequest page) {
  if (page.page < 1 || page.size < 1) {
    return store_failure(StoreErrorCode::invalid, "page and size must be positive");
  }
  std::lock_guard lock(mutex_);
  Page<Transaction> out;
  {
    auto st = db_->prepare("SELECT COUNT(*) FROM transactions WHERE " OWNED_FLOW);
    if (!st) return lfkit::unexpected(st.error());
    auto total = count_row(st->bind(user_id, flow_id));
    if (!total) return lfkit::unexpected(total.error());
    out.total = *total;
  }
  auto st = db_->prepare(
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
  std::lock_guard lock(mutex_);
  auto st = db_->prepare("DELETE FROM transactions WHERE " OWNED_FLOW);
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(user_id, flow_id).run());
  return {};
}

Status SqliteStore::add_vertex_build(VertexBuild b, RetentionLimits limits) {
  ensure_id(b.build_id);
  if (unset(b.timestamp)) b.timestamp = now();
  std::lock_guard lock(mutex_);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  {
    auto st = db_->prepare(
        "INSERT INTO vertex_builds (build_id, id, flow_id, timestamp, valid, params, data, "
        "artifacts, job_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(b.build_id, b.vertex_id, b.flow_id, b.timestamp, b.valid, b.params,
                       b.data_json, b.artifacts_json, b.job_id)
                  .run());
  }
  if (limits.max_per_vertex > 0) {
    auto st = db_->prepare(
        "DELETE FROM vertex_builds WHERE flow_id = ?1 AND id = ?2 AND rowid NOT IN ("
        "SELECT rowid FROM vertex_builds WHERE flow_id = ?1 AND id = ?2 "
        "ORDER BY timestamp DESC, rowid DESC LIMIT ?3)");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(b.flow_id, b.vertex_id, limits.max_per_vertex).run());
  }
  if (limits.max_total > 0) {
    auto st = db_->prepare(
        "DELETE FROM vertex_builds WHERE rowid IN (SELECT rowid FROM vertex_builds "
        "ORDER BY timestamp, rowid LIMIT max(0, (SELECT COUNT(*) FROM vertex_builds) - ?1))");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(limits.max_total).run());
  }
  return txn.commit();
}

Result<std::vector<VertexBuild>> SqliteStore::list_vertex_builds(std::string_view user_id,
                                                                 std::string_view flow_id) {
  std::lock_guard lock(mutex_);
  auto st = db_->prepare(
      "SELECT build_id, id, flow_id, timestamp, valid, params, data, artifacts, job_id "
      "FROM vertex_builds WHERE " OWNED_FLOW " ORDER BY timestamp, rowid");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id, flow_id), read_build);
}

Status SqliteStore::delete_vertex_builds(std::string_view user_id, std::string_view flow_id) {
  std::lock_guard lock(mutex_);
  auto st = db_->prepare("DELETE FROM vertex_builds WHERE " OWNED_FLOW);
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(user_id, flow_id).run());
  return {};
}

}  // namespace lfkit::store
