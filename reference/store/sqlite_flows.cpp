// Folders (projects) and flows.
#include "store/sqlite_change_clock.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

#define FOLDER_SELECT \
  "SELECT id, name, description, parent_id, user_id, auth_settings FROM folders "

Folder read_folder(Statement& st) {
  Folder f;
  f.id = st.text(0);
  f.name = st.text(1);
  f.description = st.opt_text(2);
  f.parent_id = st.opt_text(3);
  f.user_id = st.opt_text(4);
  f.auth_settings_json = st.opt_text(5);
  return f;
}

// Column order shared by every flow SELECT and the INSERT (read_flow relies on it).
#define FLOW_COLUMNS                                                                       \
  "id, name, description, icon, icon_bg_color, gradient, data, is_component, updated_at, " \
  "webhook, endpoint_name, tags, locked, mcp_enabled, action_name, action_description, "   \
  "access_type, user_id, folder_id, fs_path"
#define FLOW_SELECT "SELECT " FLOW_COLUMNS " FROM flows "
// Header listings skip `data` except for components (FlowHeader carries it only for those).
#define FLOW_HEADER_SELECT                                                                   \
  "SELECT id, name, description, icon, icon_bg_color, gradient, "                            \
  "CASE WHEN is_component THEN data END, is_component, updated_at, webhook, endpoint_name, " \
  "tags, locked, mcp_enabled, action_name, action_description, access_type, user_id, "       \
  "folder_id, fs_path FROM flows "

Flow read_flow(Statement& st) {
  Flow f;
  f.id = st.text(0);
  f.name = st.text(1);
  f.description = st.opt_text(2);
  f.icon = st.opt_text(3);
  f.icon_bg_color = st.opt_text(4);
  f.gradient = st.opt_text(5);
  f.data_json = st.opt_text(6);
  f.is_component = st.boolean(7);
  f.updated_at = st.time(8);
  f.webhook = st.boolean(9);
  f.endpoint_name = st.opt_text(10);
  f.tags_json = st.opt_text(11);
  f.locked = st.boolean(12);
  f.mcp_enabled = st.boolean(13);
  f.action_name = st.opt_text(14);
  f.action_description = st.opt_text(15);
  f.access_type = st.text(16);
  f.user_id = st.opt_text(17);
  f.folder_id = st.opt_text(18);
  f.fs_path = st.opt_text(19);
  return f;
}

StoreError flow_conflict(StoreError e) {
  if (e.code != StoreErrorCode::conflict) return e;
  if (e.message.find("endpoint_name") != std::string::npos) {
    e.message = "Endpoint name must be unique";
  } else if (e.message.find("flows.name") != std::string::npos) {
    e.message = "Name must be unique";
  }
  return e;
}

StoreError folder_conflict(StoreError e) {
  if (e.code == StoreErrorCode::conflict && e.message.find("folders.name") != std::string::npos) {
    e.message = "Project name must be unique";
  }
  return e;
}

// A flow may only live in a folder of the same owner (shared flows in shared folders).
Status check_folder_owner(Db& db, const OptString& folder_id, const OptString& owner) {
  if (!folder_id) return {};
  auto st = db.prepare("SELECT 1 FROM folders WHERE id = ?1 AND user_id IS ?2");
  if (!st) return lfkit::unexpected(st.error());
  auto found = st->bind(folder_id, owner).step();
  if (!found) return lfkit::unexpected(found.error());
  if (!*found) return store_failure(StoreErrorCode::invalid, "Project not found");
  return {};
}

Result<Flow> flow_by_id(Db& db, std::string_view user_id, std::string_view flow_id) {
  auto st = db.prepare(FLOW_SELECT "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(flow_id, user_id), read_flow, "Flow not found");
}

Result<Folder> folder_by_id(Db& db, std::string_view user_id, std::string_view folder_id) {
  auto st = db.prepare(FOLDER_SELECT "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(folder_id, user_id), read_folder, "Project not found");
}

Result<Folder> insert_folder(Db& db, Folder folder) {
  ensure_id(folder.id);
  auto st = db.prepare(
      "INSERT INTO folders (id, name, description, parent_id, user_id, auth_settings) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(folder.id, folder.name, folder.description, folder.parent_id, folder.user_id,
                       folder.auth_settings_json)
                  .run();
  if (!done) return lfkit::unexpected(folder_conflict(done.error()));
  return folder;
}

Result<std::vector<std::string>> names(Result<Statement> st, std::string_view user_id,
                                       std::string_view prefix) {
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id, prefix), [](Statement& s) { return s.text(0); });
}

// Filters shared by the count and page queries. `?1` is the owner (NULL = shared flows).
#define FLOW_FILTER                                                    \
  "WHERE user_id IS ?1 AND (?2 IS NULL OR folder_id = ?2) "            \
  "AND (?3 = 0 OR is_component = 1) AND (?4 = 0 OR is_component = 0) " \
  "AND (?5 IS NULL OR instr(lower(name), lower(?5)) > 0) "

Result<Page<Flow>> query_flows(Db& db, const OptString& owner, const FlowQuery& q) {
  // The count and the page come from one snapshot, so a concurrent write cannot split them.
  ReadTxn snapshot(db);
  LFKIT_TRY(snapshot.begin());
  Page<Flow> page;
  {
    auto st = db.prepare("SELECT COUNT(*) FROM flows " FLOW_FILTER);
    if (!st) return lfkit::unexpected(st.error());
    auto total =
        count_row(st->bind(owner, q.folder_id, q.components_only, q.flows_only, q.name_contains));
    if (!total) return lfkit::unexpected(total.error());
    page.total = *total;
  }
  int64_t limit = -1;  // SQLite: no limit
  int64_t offset = 0;
  if (q.page) {
    if (q.page->page < 1 || q.page->size < 1) {
      return store_failure(StoreErrorCode::invalid, "page and size must be positive");
    }
    limit = q.page->size;
    offset = (q.page->page - 1) * q.page->size;
  }
  // One constant SQL text per (projection, order) pair: nothing is concatenated at run time.
  const char* sql = nullptr;
  bool by_update = q.order == FlowOrder::updated_desc;
  if (q.header_only) {
    sql = by_update ? FLOW_HEADER_SELECT FLOW_FILTER
              "ORDER BY updated_at DESC, rowid DESC LIMIT ?6 OFFSET ?7"
                    : FLOW_HEADER_SELECT FLOW_FILTER "ORDER BY rowid LIMIT ?6 OFFSET ?7";
  } else {
    sql = by_update ? FLOW_SELECT FLOW_FILTER
              "ORDER BY updated_at DESC, rowid DESC LIMIT ?6 OFFSET ?7"
                    : FLOW_SELECT FLOW_FILTER "ORDER BY rowid LIMIT ?6 OFFSET ?7";
  }
  auto st = db.prepare(sql);
  if (!st) return lfkit::unexpected(st.error());
  auto rows = collect(
      st->bind(owner, q.folder_id, q.components_only, q.flows_only, q.name_contains, limit, offset),
      read_flow);
  if (!rows) return lfkit::unexpected(rows.error());
  page.items = std::move(*rows);
  return page;
}

}  // namespace

// ---------------------------------------------------------------- folders

Result<Folder> SqliteStore::create_folder(Folder folder) {
  WriterGuard lock(*this);
  return insert_folder(*db_, std::move(folder));
}

Result<Folder> SqliteStore::get_folder(std::string_view user_id, std::string_view folder_id) {
  LFKIT_READ_DB(db);
  return folder_by_id(db, user_id, folder_id);
}

Result<std::vector<Folder>> SqliteStore::list_folders(std::string_view user_id) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FOLDER_SELECT "WHERE user_id = ?1 OR user_id IS NULL ORDER BY rowid");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id), read_folder);
}

Result<Folder> SqliteStore::find_folder_by_name(std::string_view user_id, std::string_view name) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FOLDER_SELECT "WHERE user_id = ?1 AND name = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(user_id, name), read_folder, "Project not found");
}

Result<Folder> SqliteStore::find_shared_folder_by_name(std::string_view name) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FOLDER_SELECT "WHERE user_id IS NULL AND name = ?1 ORDER BY rowid");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(name), read_folder, "Project not found");
}

Result<Folder> SqliteStore::ensure_folder(std::string_view user_id, std::string_view name,
                                          std::string_view description) {
  WriterGuard lock(*this);
  {
    auto st = db_->prepare(FOLDER_SELECT "WHERE user_id = ?1 AND name = ?2");
    if (!st) return lfkit::unexpected(st.error());
    auto found = first_row(st->bind(user_id, name), read_folder, "Project not found");
    if (found || found.error().code != StoreErrorCode::not_found) return found;
  }
  Folder folder;
  folder.name = std::string(name);
  folder.description = std::string(description);
  folder.user_id = std::string(user_id);
  return insert_folder(*db_, std::move(folder));  // the mutex makes get-or-create atomic
}

Result<std::vector<std::string>> SqliteStore::folder_names_with_prefix(std::string_view user_id,
                                                                       std::string_view prefix) {
  LFKIT_READ_DB(db);
  return names(db.prepare("SELECT name FROM folders WHERE user_id = ?1 "
                          "AND substr(name, 1, length(?2)) = ?2 ORDER BY rowid"),
               user_id, prefix);
}

Result<Folder> SqliteStore::update_folder(std::string_view user_id, Folder folder) {
  WriterGuard lock(*this);
  if (folder.parent_id) {
    LFKIT_TRY(folder_by_id(*db_, user_id, *folder.parent_id));
  }
  auto st = db_->prepare(
      "UPDATE folders SET name = ?3, description = ?4, parent_id = ?5, auth_settings = ?6 "
      "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(folder.id, user_id, folder.name, folder.description, folder.parent_id,
                       folder.auth_settings_json)
                  .run();
  if (!done) return lfkit::unexpected(folder_conflict(done.error()));
  if (*done == 0) return store_failure(StoreErrorCode::not_found, "Project not found");
  return folder_by_id(*db_, user_id, folder.id);
}

Status SqliteStore::delete_folder(std::string_view user_id, std::string_view folder_id) {
  await_run_records();
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM folders WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  forget_row_counts();  // the cascade reaches flows and their run records
  return expect_changed(st->bind(folder_id, user_id).run(), "Project not found");
}

// ---------------------------------------------------------------- flows

Result<Flow> SqliteStore::create_flow(Flow flow) {
  ensure_id(flow.id);
  if (unset(flow.updated_at)) flow.updated_at = now();
  WriterGuard lock(*this);
  LFKIT_TRY(check_folder_owner(*db_, flow.folder_id, flow.user_id));
  auto st = db_->prepare("INSERT INTO flows (" FLOW_COLUMNS
                         ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                         "?15, ?16, ?17, ?18, ?19, ?20)");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(flow.id, flow.name, flow.description, flow.icon, flow.icon_bg_color,
                       flow.gradient, flow.data_json, flow.is_component, flow.updated_at,
                       flow.webhook, flow.endpoint_name, flow.tags_json, flow.locked,
                       flow.mcp_enabled, flow.action_name, flow.action_description,
                       flow.access_type, flow.user_id, flow.folder_id, flow.fs_path)
                  .run();
  if (!done) return lfkit::unexpected(flow_conflict(done.error()));
  return flow;
}

Result<Flow> SqliteStore::get_flow(std::string_view user_id, std::string_view flow_id) {
  LFKIT_READ_DB(db);
  return flow_by_id(db, user_id, flow_id);
}

Result<Flow> SqliteStore::get_flow_unscoped(std::string_view flow_id) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FLOW_SELECT "WHERE id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(flow_id), read_flow, "Flow not found");
}

Result<Flow> SqliteStore::find_flow_by_endpoint_name(std::string_view user_id,
                                                     std::string_view endpoint_name) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FLOW_SELECT "WHERE user_id = ?1 AND endpoint_name = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(user_id, endpoint_name), read_flow, "Flow not found");
}

Result<Flow> SqliteStore::find_flow_by_endpoint_name_unscoped(std::string_view endpoint_name) {
  LFKIT_READ_DB(db);
  // Endpoint names are unique per owner only: the oldest row wins, like upstream's first().
  auto st = db.prepare(FLOW_SELECT "WHERE endpoint_name = ?1 ORDER BY rowid LIMIT 1");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(endpoint_name), read_flow, "Flow not found");
}

Result<int64_t> SqliteStore::flows_generation() {
  return clock_->generation(ChangeTopic::flows);
}

Result<Page<Flow>> SqliteStore::list_flows(std::string_view user_id, const FlowQuery& query) {
  LFKIT_READ_DB(db);
  return query_flows(db, std::string(user_id), query);
}

Result<Page<Flow>> SqliteStore::list_shared_flows(const FlowQuery& query) {
  LFKIT_READ_DB(db);
  return query_flows(db, std::nullopt, query);
}

Result<std::vector<std::string>> SqliteStore::flow_names_with_prefix(std::string_view user_id,
                                                                     std::string_view prefix) {
  LFKIT_READ_DB(db);
  return names(db.prepare("SELECT name FROM flows WHERE user_id = ?1 "
                          "AND substr(name, 1, length(?2)) = ?2 ORDER BY rowid"),
               user_id, prefix);
}

Result<std::vector<std::string>> SqliteStore::endpoint_names_with_prefix(std::string_view user_id,
                                                                         std::string_view prefix) {
  LFKIT_READ_DB(db);
  return names(db.prepare("SELECT endpoint_name FROM flows WHERE user_id = ?1 "
                          "AND substr(endpoint_name, 1, length(?2)) = ?2 ORDER BY rowid"),
               user_id, prefix);
}

Result<Flow> SqliteStore::update_flow(std::string_view user_id, Flow flow) {
  flow.updated_at = now();
  flow.user_id = std::string(user_id);
  WriterGuard lock(*this);
  LFKIT_TRY(flow_by_id(*db_, user_id, flow.id));  // someone else's flow: not_found, not invalid
  LFKIT_TRY(check_folder_owner(*db_, flow.folder_id, flow.user_id));
  auto st = db_->prepare(
      "UPDATE flows SET name = ?3, description = ?4, icon = ?5, icon_bg_color = ?6, "
      "gradient = ?7, data = ?8, is_component = ?9, updated_at = ?10, webhook = ?11, "
      "endpoint_name = ?12, tags = ?13, locked = ?14, mcp_enabled = ?15, action_name = ?16, "
      "action_description = ?17, access_type = ?18, folder_id = ?19, fs_path = ?20 "
      "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  auto done =
      st->bind(flow.id, user_id, flow.name, flow.description, flow.icon, flow.icon_bg_color,
               flow.gradient, flow.data_json, flow.is_component, flow.updated_at, flow.webhook,
               flow.endpoint_name, flow.tags_json, flow.locked, flow.mcp_enabled, flow.action_name,
               flow.action_description, flow.access_type, flow.folder_id, flow.fs_path)
          .run();
  if (!done) return lfkit::unexpected(flow_conflict(done.error()));
  if (*done == 0) return store_failure(StoreErrorCode::not_found, "Flow not found");
  return flow;
}

Status SqliteStore::delete_flow(std::string_view user_id, std::string_view flow_id) {
  await_run_records();
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM flows WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  forget_row_counts();  // the cascade reaches the flow's run records
  return expect_changed(st->bind(flow_id, user_id).run(), "Flow not found");
}

Result<int64_t> SqliteStore::delete_flows(std::string_view user_id,
                                          const std::vector<std::string>& flow_ids) {
  await_run_records();
  WriterGuard lock(*this);
  forget_row_counts();  // the cascade reaches the flows' run records
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  int64_t deleted = 0;
  for (const auto& id : flow_ids) {
    auto st = db_->prepare("DELETE FROM flows WHERE id = ?1 AND user_id = ?2");
    if (!st) return lfkit::unexpected(st.error());
    auto n = st->bind(id, user_id).run();
    if (!n) return lfkit::unexpected(n.error());
    deleted += *n;
  }
  LFKIT_TRY(txn.commit());
  return deleted;
}

Result<int64_t> SqliteStore::move_flows(std::string_view user_id,
                                        const std::vector<std::string>& flow_ids,
                                        std::string_view folder_id) {
  WriterGuard lock(*this);
  LFKIT_TRY(folder_by_id(*db_, user_id, folder_id));
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  int64_t moved = 0;
  for (const auto& id : flow_ids) {
    auto st = db_->prepare("UPDATE flows SET folder_id = ?3 WHERE id = ?1 AND user_id = ?2");
    if (!st) return lfkit::unexpected(st.error());
    auto n = st->bind(id, user_id, folder_id).run();
    if (!n) return lfkit::unexpected(n.error());
    moved += *n;
  }
  LFKIT_TRY(txn.commit());
  return moved;
}

}  // namespace lfkit::store
