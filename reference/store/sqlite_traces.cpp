// Execution traces and spans, owned through their flow's owner.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

#define TRACE_COLUMNS                                                                      \
  "t.id, t.name, t.status, t.start_time, t.end_time, t.total_latency_ms, t.total_tokens, " \
  "t.flow_id, t.session_id"
#define OWNED_TRACES "FROM traces t JOIN flows f ON f.id = t.flow_id WHERE f.user_id = ?1 "

Trace read_trace(Statement& st) {
  Trace t;
  t.id = st.text(0);
  t.name = st.text(1);
  t.status = st.text(2);
  t.start_time = st.opt_time(3);
  t.end_time = st.opt_time(4);
  t.total_latency_ms = st.integer(5);
  t.total_tokens = st.integer(6);
  t.flow_id = st.text(7);
  t.session_id = st.opt_text(8);
  return t;
}

Span read_span(Statement& st) {
  Span s;
  s.id = st.text(0);
  s.trace_id = st.text(1);
  s.parent_span_id = st.opt_text(2);
  s.name = st.text(3);
  s.span_type = st.text(4);
  s.status = st.text(5);
  s.start_time = st.opt_time(6);
  s.end_time = st.opt_time(7);
  s.latency_ms = st.integer(8);
  s.inputs_json = st.opt_text(9);
  s.outputs_json = st.opt_text(10);
  s.error = st.opt_text(11);
  s.attributes_json = st.opt_text(12);
  return s;
}

// The filters of TraceQuery as SQL over ?2..?7 (?1 is the owner).
#define TRACE_FILTERS                                                              \
  "AND (?2 IS NULL OR t.flow_id = ?2) AND (?3 IS NULL OR t.session_id = ?3) "      \
  "AND (?4 IS NULL OR t.status = ?4) "                                             \
  "AND (?5 IS NULL OR t.name LIKE '%' || ?5 || '%' OR t.id LIKE '%' || ?5 || '%' " \
  "OR t.session_id LIKE '%' || ?5 || '%') "                                        \
  "AND (?6 IS NULL OR t.start_time >= ?6) AND (?7 IS NULL OR t.start_time <= ?7) "

}  // namespace

Result<Trace> SqliteStore::add_trace(Trace trace, std::vector<Span> spans) {
  ensure_id(trace.id);
  WriterGuard lock(*this);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  {
    auto st = db_->prepare(
        "INSERT INTO traces (id, name, status, start_time, end_time, total_latency_ms, "
        "total_tokens, flow_id, session_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(trace.id, trace.name, trace.status, trace.start_time, trace.end_time,
                       trace.total_latency_ms, trace.total_tokens, trace.flow_id, trace.session_id)
                  .run());
  }
  for (auto& span : spans) {
    ensure_id(span.id);
    span.trace_id = trace.id;
    auto st = db_->prepare(
        "INSERT INTO spans (id, trace_id, parent_span_id, name, span_type, status, start_time, "
        "end_time, latency_ms, inputs, outputs, error, attributes) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(span.id, span.trace_id, span.parent_span_id, span.name, span.span_type,
                       span.status, span.start_time, span.end_time, span.latency_ms,
                       span.inputs_json, span.outputs_json, span.error, span.attributes_json)
                  .run());
  }
  LFKIT_TRY(txn.commit());
  return trace;
}

Result<Page<Trace>> SqliteStore::list_traces(std::string_view user_id, const TraceQuery& q) {
  if (q.page.page < 1 || q.page.size < 1) {
    return store_failure(StoreErrorCode::invalid, "page and size must be positive");
  }
  LFKIT_READ_DB(db);
  // The count and the page come from one snapshot, so a concurrent write cannot split them.
  ReadTxn snapshot(db);
  LFKIT_TRY(snapshot.begin());
  Page<Trace> out;
  {
    auto st = db.prepare("SELECT COUNT(*) " OWNED_TRACES TRACE_FILTERS);
    if (!st) return lfkit::unexpected(st.error());
    auto total = count_row(
        st->bind(user_id, q.flow_id, q.session_id, q.status, q.text, q.start_from, q.start_until));
    if (!total) return lfkit::unexpected(total.error());
    out.total = *total;
  }
  auto st = db.prepare("SELECT " TRACE_COLUMNS " " OWNED_TRACES TRACE_FILTERS
                       "ORDER BY t.start_time DESC, t.rowid DESC LIMIT ?8 OFFSET ?9");
  if (!st) return lfkit::unexpected(st.error());
  auto rows = collect(st->bind(user_id, q.flow_id, q.session_id, q.status, q.text, q.start_from,
                               q.start_until, q.page.size, (q.page.page - 1) * q.page.size),
                      read_trace);
  if (!rows) return lfkit::unexpected(rows.error());
  out.items = std::move(*rows);
  return out;
}

Result<Trace> SqliteStore::get_trace(std::string_view user_id, std::string_view trace_id) {
  LFKIT_READ_DB(db);
  auto st = db.prepare("SELECT " TRACE_COLUMNS " " OWNED_TRACES "AND t.id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(user_id, trace_id), read_trace, "Trace not found");
}

Result<std::vector<Span>> SqliteStore::list_spans(std::string_view user_id,
                                                  const std::vector<std::string>& trace_ids) {
  LFKIT_READ_DB(db);
  ReadTxn snapshot(db);  // one query per trace: keep them consistent with each other
  LFKIT_TRY(snapshot.begin());
  std::vector<Span> spans;
  for (const auto& trace_id : trace_ids) {
    auto st = db.prepare(
        "SELECT s.id, s.trace_id, s.parent_span_id, s.name, s.span_type, s.status, s.start_time, "
        "s.end_time, s.latency_ms, s.inputs, s.outputs, s.error, s.attributes "
        "FROM spans s JOIN traces t ON t.id = s.trace_id JOIN flows f ON f.id = t.flow_id "
        "WHERE f.user_id = ?1 AND s.trace_id = ?2 ORDER BY s.start_time, s.rowid");
    if (!st) return lfkit::unexpected(st.error());
    auto rows = collect(st->bind(user_id, trace_id), read_span);
    if (!rows) return lfkit::unexpected(rows.error());
    for (auto& span : *rows) spans.push_back(std::move(span));
  }
  return spans;
}

Status SqliteStore::delete_trace(std::string_view user_id, std::string_view trace_id) {
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "DELETE FROM traces WHERE id = ?2 AND flow_id IN (SELECT id FROM flows WHERE user_id = ?1)");
  if (!st) return lfkit::unexpected(st.error());
  return expect_changed(st->bind(user_id, trace_id).run(), "Trace not found");
}

Status SqliteStore::delete_traces(std::string_view user_id, std::string_view flow_id) {
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "DELETE FROM traces WHERE flow_id = ?2 "
      "AND flow_id IN (SELECT id FROM flows WHERE user_id = ?1)");
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(user_id, flow_id).run());
  return {};
}

}  // namespace lfkit::store
