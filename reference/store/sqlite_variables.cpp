// Variables (values arrive already encrypted; the store keeps them verbatim).
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

#define VARIABLE_SELECT \
  "SELECT id, name, value, type, default_fields, user_id, created_at, updated_at FROM variables "

Variable read_variable(Statement& st) {
  Variable v;
  v.id = st.text(0);
  v.name = st.text(1);
  v.value = st.text(2);
  v.type = st.opt_text(3);
  v.default_fields_json = st.opt_text(4);
  v.user_id = st.text(5);
  v.created_at = st.time(6);
  v.updated_at = st.time(7);
  return v;
}

StoreError variable_conflict(StoreError e, const std::string& name) {
  if (e.code == StoreErrorCode::conflict) e.message = "Variable " + name + " already exists";
  return e;
}

Result<Variable> variable_by_id(Db& db, std::string_view user_id, std::string_view id) {
  auto st = db.prepare(VARIABLE_SELECT "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(id, user_id), read_variable, "Variable not found");
}

}  // namespace

Result<Variable> SqliteStore::create_variable(Variable v) {
  ensure_id(v.id);
  if (unset(v.created_at)) v.created_at = now();
  if (unset(v.updated_at)) v.updated_at = v.created_at;
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "INSERT INTO variables (id, name, value, type, default_fields, user_id, created_at, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(v.id, v.name, v.value, v.type, v.default_fields_json, v.user_id,
                       v.created_at, v.updated_at)
                  .run();
  if (!done) return lfkit::unexpected(variable_conflict(done.error(), v.name));
  return v;
}

Result<Variable> SqliteStore::get_variable(std::string_view user_id, std::string_view id) {
  LFKIT_READ_DB(db);
  return variable_by_id(db, user_id, id);
}

Result<Variable> SqliteStore::find_variable_by_name(std::string_view user_id,
                                                    std::string_view name) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(VARIABLE_SELECT "WHERE user_id = ?1 AND name = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(user_id, name), read_variable, "Variable not found");
}

Result<std::vector<Variable>> SqliteStore::list_variables(std::string_view user_id) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(VARIABLE_SELECT "WHERE user_id = ?1 ORDER BY rowid");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id), read_variable);
}

Result<Variable> SqliteStore::update_variable(std::string_view user_id, Variable v) {
  v.updated_at = now();
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "UPDATE variables SET name = ?3, value = ?4, type = ?5, default_fields = ?6, "
      "updated_at = ?7 WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  auto done =
      st->bind(v.id, user_id, v.name, v.value, v.type, v.default_fields_json, v.updated_at).run();
  if (!done) return lfkit::unexpected(variable_conflict(done.error(), v.name));
  if (*done == 0) return store_failure(StoreErrorCode::not_found, "Variable not found");
  return variable_by_id(*db_, user_id, v.id);
}

Status SqliteStore::delete_variable(std::string_view user_id, std::string_view id) {
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM variables WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return expect_changed(st->bind(id, user_id).run(), "Variable not found");
}

}  // namespace lfkit::store
