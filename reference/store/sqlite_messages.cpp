// Messages, owned through their flow: every scoped query joins message_owners (flows, plus the
// virtual flows of public playground visitors) on user_id.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

#define MESSAGE_COLUMNS                                                                  \
  "m.id, m.timestamp, m.sender, m.sender_name, m.session_id, m.text, m.files, m.error, " \
  "m.edit, m.flow_id, m.properties, m.category, m.content_blocks, m.context_id"
#define MESSAGE_SELECT \
  "SELECT " MESSAGE_COLUMNS " FROM messages m JOIN message_owners f ON f.id = m.flow_id "
// ?1 is always the caller.
#define OWNED "WHERE f.user_id = ?1 "
// Listings show a virtual flow's messages only when asked for that flow (?2), as upstream's
// /monitor/messages scopes to the caller's own flows.
#define REAL_UNLESS_NAMED "AND (f.virtual = 0 OR ?2 IS NOT NULL) "
// Rows the caller may change: messages of their flows and virtual flows, and (for a public run
// under the flow owner's identity) of the virtual flows of their public flows.
#define CHANGEABLE(user)                                                             \
  "(flow_id IN (SELECT id FROM message_owners WHERE user_id = " user                 \
  ") OR flow_id IN "                                                                 \
  "(SELECT v.id FROM virtual_flows v JOIN flows s ON s.id = v.source_flow_id WHERE " \
  "s.user_id = " user "))"

Message read_message(Statement& st) {
  Message m;
  m.id = st.text(0);
  m.timestamp = st.time(1);
  m.sender = st.text(2);
  m.sender_name = st.text(3);
  m.session_id = st.text(4);
  m.text = st.text(5);
  m.files_json = st.text(6);
  m.error = st.boolean(7);
  m.edit = st.boolean(8);
  m.flow_id = st.opt_text(9);
  m.properties_json = st.text(10);
  m.category = st.text(11);
  m.content_blocks_json = st.text(12);
  m.context_id = st.opt_text(13);
  return m;
}

Result<Message> message_by_id(Db& db, std::string_view user_id, std::string_view id) {
  auto st = db.prepare(MESSAGE_SELECT OWNED "AND m.id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(user_id, id), read_message, "Message not found");
}

}  // namespace

Status SqliteStore::write_message(Db& db, Message& m) {
  ensure_id(m.id);
  if (unset(m.timestamp)) m.timestamp = now();
  // No foreign key since virtual flows: a message of a flow that exists nowhere is refused here.
  // The check is a statement of its own: an INSERT ... SELECT may write several rows, so
  // SQLite would give it a statement journal, a copy of every page it touches.
  if (m.flow_id) {
    auto owner = db.prepare("SELECT 1 FROM message_owners WHERE id = ?1");
    if (!owner) return lfkit::unexpected(owner.error());
    auto found = owner->bind(*m.flow_id).step();
    if (!found) return lfkit::unexpected(found.error());
    if (!*found) return store_failure(StoreErrorCode::invalid, "Flow not found");
  }
  auto st = db.prepare(
      "INSERT INTO messages (id, timestamp, sender, sender_name, session_id, text, files, "
      "error, edit, flow_id, properties, category, content_blocks, context_id) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(m.id, m.timestamp, m.sender, m.sender_name, m.session_id, m.text, m.files_json,
                     m.error, m.edit, m.flow_id, m.properties_json, m.category,
                     m.content_blocks_json, m.context_id)
                .run());
  return {};
}

Result<Message> SqliteStore::add_message(Message m) {
  await_run_records();
  LFKIT_TRY(group_write([&](Db& db) { return write_message(db, m); }));
  return m;
}

Result<Message> SqliteStore::get_message(std::string_view user_id, std::string_view id) {
  await_run_records();
  LFKIT_READ_DB(db);
  return message_by_id(db, user_id, id);
}

Result<std::vector<Message>> SqliteStore::list_messages(std::string_view user_id,
                                                        const MessageQuery& q) {
  await_run_records();
  LFKIT_READ_DB(db);
  // `limit` keeps the newest/oldest N in the requested order; -1 means no limit.
  auto st =
      db.prepare(q.newest_first ? MESSAGE_SELECT OWNED REAL_UNLESS_NAMED
                     "AND (?2 IS NULL OR m.flow_id = ?2) AND (?3 IS NULL OR m.session_id = ?3) "
                     "AND (?4 IS NULL OR m.sender = ?4) AND (?5 IS NULL OR m.sender_name = ?5) "
                     "ORDER BY m.timestamp DESC, m.rowid DESC LIMIT ?6"
                                : MESSAGE_SELECT OWNED REAL_UNLESS_NAMED
                     "AND (?2 IS NULL OR m.flow_id = ?2) AND (?3 IS NULL OR m.session_id = ?3) "
                     "AND (?4 IS NULL OR m.sender = ?4) AND (?5 IS NULL OR m.sender_name = ?5) "
                     "ORDER BY m.timestamp ASC, m.rowid ASC LIMIT ?6");
  if (!st) return lfkit::unexpected(st.error());
  return collect(
      st->bind(user_id, q.flow_id, q.session_id, q.sender, q.sender_name, q.limit.value_or(-1)),
      read_message);
}

Status SqliteStore::write_message_update(Db& db, std::string_view user_id, const Message& m) {
  auto st = db.prepare(
      "UPDATE messages SET timestamp = ?3, sender = ?4, sender_name = ?5, session_id = ?6, "
      "text = ?7, files = ?8, error = ?9, edit = ?10, properties = ?11, category = ?12, "
      "content_blocks = ?13, context_id = ?14 "
      "WHERE id = ?1 AND " CHANGEABLE("?2"));
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(m.id, user_id, m.timestamp, m.sender, m.sender_name, m.session_id, m.text,
                       m.files_json, m.error, m.edit, m.properties_json, m.category,
                       m.content_blocks_json, m.context_id)
                  .run();
  return expect_changed(std::move(done), "Message not found");
}

Result<std::vector<Message>> SqliteStore::list_visit_messages(std::string_view owner_id,
                                                              const MessageQuery& q) {
  if (!q.flow_id) return store_failure(StoreErrorCode::invalid, "a visit's flow id is required");
  await_run_records();
  LFKIT_READ_DB(db);
  // `limit` keeps the newest/oldest N in the requested order; -1 means no limit.
#define VISIT_MESSAGES                                                                      \
  "SELECT " MESSAGE_COLUMNS                                                                 \
  " FROM messages m WHERE m.flow_id = ?2 AND EXISTS (SELECT 1 FROM virtual_flows v JOIN "   \
  "flows s ON s.id = v.source_flow_id WHERE v.id = ?2 AND s.user_id = ?1) AND (?3 IS NULL " \
  "OR m.session_id = ?3) AND (?4 IS NULL OR m.sender = ?4) AND (?5 IS NULL OR "             \
  "m.sender_name = ?5) "
  auto st =
      db.prepare(q.newest_first ? VISIT_MESSAGES "ORDER BY m.timestamp DESC, m.rowid DESC LIMIT ?6"
                                : VISIT_MESSAGES "ORDER BY m.timestamp ASC, m.rowid ASC LIMIT ?6");
#undef VISIT_MESSAGES
  if (!st) return lfkit::unexpected(st.error());
  return collect(
      st->bind(owner_id, q.flow_id, q.session_id, q.sender, q.sender_name, q.limit.value_or(-1)),
      read_message);
}

Result<Message> SqliteStore::update_message(std::string_view user_id, Message m) {
  await_run_records();
  std::optional<Message> updated;
  LFKIT_TRY(group_write([&](Db& db) -> Status {
    LFKIT_TRY(write_message_update(db, user_id, m));
    auto row = message_by_id(db, user_id, m.id);  // the row as stored, inside the same write
    if (!row) return lfkit::unexpected(row.error());
    updated = std::move(*row);
    return {};
  }));
  return std::move(*updated);
}

Result<int64_t> SqliteStore::delete_messages(std::string_view user_id,
                                             const std::vector<std::string>& ids) {
  await_run_records();
  WriterGuard lock(*this);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  int64_t deleted = 0;
  for (const auto& id : ids) {
    auto st = db_->prepare("DELETE FROM messages WHERE id = ?2 AND " CHANGEABLE("?1"));
    if (!st) return lfkit::unexpected(st.error());
    auto n = st->bind(user_id, id).run();
    if (!n) return lfkit::unexpected(n.error());
    deleted += *n;
  }
  LFKIT_TRY(txn.commit());
  return deleted;
}

Result<int64_t> SqliteStore::delete_session(std::string_view user_id, std::string_view session_id) {
  await_run_records();
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "DELETE FROM messages WHERE session_id = ?2 AND flow_id IN "
      "(SELECT id FROM message_owners WHERE user_id = ?1 AND virtual = 0)");
  if (!st) return lfkit::unexpected(st.error());
  return st->bind(user_id, session_id).run();
}

Result<std::vector<Message>> SqliteStore::rename_session(std::string_view user_id,
                                                         std::string_view old_session_id,
                                                         std::string_view new_session_id) {
  await_run_records();
  WriterGuard lock(*this);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  {
    auto st = db_->prepare(
        "UPDATE messages SET session_id = ?3 WHERE session_id = ?2 AND flow_id IN "
        "(SELECT id FROM message_owners WHERE user_id = ?1 AND virtual = 0)");
    if (!st) return lfkit::unexpected(st.error());
    auto n = st->bind(user_id, old_session_id, new_session_id).run();
    if (!n) return lfkit::unexpected(n.error());
    if (*n == 0) return std::vector<Message>{};
  }
  auto st = db_->prepare(MESSAGE_SELECT OWNED
                         "AND f.virtual = 0 AND m.session_id = ?2 "
                         "ORDER BY m.timestamp, m.rowid");
  if (!st) return lfkit::unexpected(st.error());
  auto rows = collect(st->bind(user_id, new_session_id), read_message);
  if (!rows) return rows;
  LFKIT_TRY(txn.commit());
  return rows;
}

Result<std::vector<std::string>> SqliteStore::list_sessions(std::string_view user_id,
                                                            const OptString& flow_id) {
  await_run_records();
  LFKIT_READ_DB(db);
  auto st = db.prepare(
      "SELECT m.session_id FROM messages m JOIN message_owners f ON f.id = m.flow_id " OWNED
          REAL_UNLESS_NAMED
      "AND (?2 IS NULL OR m.flow_id = ?2) GROUP BY m.session_id ORDER BY MIN(m.rowid)");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id, flow_id), [](Statement& s) { return s.text(0); });
}

Status SqliteStore::ensure_virtual_flow(std::string_view id, const OptString& visitor_id,
                                        std::string_view source_flow_id) {
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "INSERT INTO virtual_flows (id, user_id, source_flow_id) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (id) DO NOTHING");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(id, visitor_id, source_flow_id).run();
  if (!done) return lfkit::unexpected(done.error());
  return {};
}

}  // namespace lfkit::store
