// Users and API keys.
#include "store/sqlite_change_clock.hpp"
#include "store/sqlite_key_usage.hpp"
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

User read_user(Statement& st) {
  User u;
  u.id = st.text(0);
  u.username = st.text(1);
  u.password_hash = st.text(2);
  u.profile_image = st.opt_text(3);
  u.store_api_key = st.opt_text(4);
  u.is_active = st.boolean(5);
  u.is_superuser = st.boolean(6);
  u.optins_json = st.opt_text(7);
  u.create_at = st.time(8);
  u.updated_at = st.time(9);
  u.last_login_at = st.opt_time(10);
  return u;
}

ApiKey read_key(Statement& st) {
  ApiKey k;
  k.id = st.text(0);
  k.name = st.opt_text(1);
  k.key_hash = st.text(2);
  k.masked_key = st.text(3);
  k.user_id = st.text(4);
  k.created_at = st.time(5);
  k.last_used_at = st.opt_time(6);
  k.total_uses = st.integer(7);
  k.is_active = st.boolean(8);
  return k;
}

#define USER_SELECT                                                                             \
  "SELECT id, username, password_hash, profile_image, store_api_key, is_active, is_superuser, " \
  "optins, create_at, updated_at, last_login_at FROM users "
#define KEY_SELECT                                                                         \
  "SELECT id, name, key_hash, masked_key, user_id, created_at, last_used_at, total_uses, " \
  "is_active FROM api_keys "

Result<User> user_by_id(Db& db, std::string_view id) {
  auto st = db.prepare(USER_SELECT "WHERE id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  st->bind(id);
  return first_row(*st, read_user, "User not found");
}

StoreError username_conflict(StoreError e) {
  if (e.code == StoreErrorCode::conflict) e.message = "This username is unavailable.";
  return e;
}

}  // namespace

Result<User> SqliteStore::create_user(User user) {
  ensure_id(user.id);
  if (unset(user.create_at)) user.create_at = now();
  if (unset(user.updated_at)) user.updated_at = user.create_at;
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "INSERT INTO users (id, username, password_hash, profile_image, store_api_key, is_active, "
      "is_superuser, optins, create_at, updated_at, last_login_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(user.id, user.username, user.password_hash, user.profile_image,
                       user.store_api_key, user.is_active, user.is_superuser, user.optins_json,
                       user.create_at, user.updated_at, user.last_login_at)
                  .run();
  if (!done) return lfkit::unexpected(username_conflict(done.error()));
  return user;
}

Result<User> SqliteStore::get_user(std::string_view id) {
  LFKIT_READ_DB(db);
  return user_by_id(db, id);
}

Result<User> SqliteStore::get_user_by_username(std::string_view username) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(USER_SELECT "WHERE username = ?1");
  if (!st) return lfkit::unexpected(st.error());
  st->bind(username);
  return first_row(*st, read_user, "User not found");
}

Result<UserList> SqliteStore::list_users(int64_t skip, int64_t limit, std::string_view search) {
  LFKIT_READ_DB(db);
  // The count and the page come from one snapshot, so a concurrent write cannot split them.
  ReadTxn snapshot(db);
  LFKIT_TRY(snapshot.begin());
  UserList out;
  {
    auto st = db.prepare(
        "SELECT COUNT(*) FROM users WHERE ?1 = '' OR instr(lower(username), lower(?1)) > 0");
    if (!st) return lfkit::unexpected(st.error());
    auto total = count_row(st->bind(search));
    if (!total) return lfkit::unexpected(total.error());
    out.total_count = *total;
  }
  auto st = db.prepare(USER_SELECT
                       "WHERE ?1 = '' OR instr(lower(username), lower(?1)) > 0 "
                       "ORDER BY rowid LIMIT ?2 OFFSET ?3");
  if (!st) return lfkit::unexpected(st.error());
  auto users = collect(st->bind(search, limit, skip), read_user);
  if (!users) return lfkit::unexpected(users.error());
  out.users = std::move(*users);
  return out;
}

Result<User> SqliteStore::update_user(User user) {
  user.updated_at = now();
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "UPDATE users SET username = ?2, password_hash = ?3, profile_image = ?4, "
      "store_api_key = ?5, is_active = ?6, is_superuser = ?7, optins = ?8, updated_at = ?9, "
      "last_login_at = ?10 WHERE id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(user.id, user.username, user.password_hash, user.profile_image,
                       user.store_api_key, user.is_active, user.is_superuser, user.optins_json,
                       user.updated_at, user.last_login_at)
                  .run();
  if (!done) return lfkit::unexpected(username_conflict(done.error()));
  if (*done == 0) return store_failure(StoreErrorCode::not_found, "User not found");
  return user_by_id(*db_, user.id);
}

Status SqliteStore::record_login(std::string_view id, Time when) {
  WriterGuard lock(*this);
  auto st = db_->prepare("UPDATE users SET last_login_at = ?2 WHERE id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  return expect_changed(st->bind(id, when).run(), "User not found");
}

Status SqliteStore::delete_user(std::string_view id) {
  await_run_records();
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM users WHERE id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  auto guard = key_usage_->commit_guard();  // the user's keys go too (cascade)
  auto deleted = expect_changed(st->bind(id).run(), "User not found");
  key_usage_->forget_all();
  forget_row_counts();  // the cascade reaches flows and their run records
  return deleted;
}

Result<int64_t> SqliteStore::count_users() {
  LFKIT_READ_DB(db);
  auto st = db.prepare("SELECT COUNT(*) FROM users");
  if (!st) return lfkit::unexpected(st.error());
  return count_row(*st);
}

Result<ApiKey> SqliteStore::create_api_key(ApiKey key) {
  ensure_id(key.id);
  if (unset(key.created_at)) key.created_at = now();
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "INSERT INTO api_keys (id, name, key_hash, masked_key, user_id, created_at, last_used_at, "
      "total_uses, is_active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(key.id, key.name, key.key_hash, key.masked_key, key.user_id, key.created_at,
                     key.last_used_at, key.total_uses, key.is_active)
                .run());
  key_usage_->learn(key.id);
  return key;
}

Result<std::vector<ApiKey>> SqliteStore::list_api_keys(std::string_view user_id) {
  LFKIT_READ_DB(db);
  auto guard = key_usage_->read_guard();
  auto st = db.prepare(KEY_SELECT "WHERE user_id = ?1 ORDER BY rowid");
  if (!st) return lfkit::unexpected(st.error());
  auto keys = collect(st->bind(user_id), read_key);
  if (!keys) return keys;
  for (auto& key : *keys) {
    key_usage_->overlay(key);
    key_usage_->learn(key.id);
  }
  return keys;
}

Status SqliteStore::delete_api_key(std::string_view user_id, std::string_view key_id) {
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM api_keys WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  auto guard = key_usage_->commit_guard();
  auto deleted = expect_changed(st->bind(key_id, user_id).run(), "API Key not found");
  if (deleted) key_usage_->forget(key_id);
  return deleted;
}

Result<ApiKey> SqliteStore::find_api_key_by_hash(std::string_view key_hash) {
  LFKIT_READ_DB(db);
  auto guard = key_usage_->read_guard();
  auto st = db.prepare(KEY_SELECT "WHERE key_hash = ?1");
  if (!st) return lfkit::unexpected(st.error());
  auto key = first_row(st->bind(key_hash), read_key, "API Key not found");
  if (!key) return key;
  key_usage_->overlay(*key);
  key_usage_->learn(key->id);
  return key;
}

// Counted in memory and written later (sqlite_key_usage.hpp); reads of keys include it.
int64_t SqliteStore::auth_generation() {
  return clock_->generation(ChangeTopic::auth);
}

Status SqliteStore::record_api_key_use(std::string_view key_id, Time when) {
  bool due = false;
  if (key_usage_->known(key_id)) {
    due = key_usage_->record(key_id, when);
  } else {
    LFKIT_READ_DB(db);
    auto guard = key_usage_->read_guard();  // no delete of the key between check and count
    auto st = db.prepare("SELECT 1 FROM api_keys WHERE id = ?1");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(first_row(
        st->bind(key_id), [](Statement&) { return 0; }, "API Key not found"));
    key_usage_->learn(key_id);
    due = key_usage_->record(key_id, when);
  }
  if (!due) return {};
  return group_write([](Db&) { return Status{}; });  // the batch writes the due uses
}

}  // namespace lfkit::store
