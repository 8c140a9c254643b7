// User-scoped file records (files v2); the bytes live on disk, managed by the caller.
#include "store/sqlite_rows.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::store {
namespace {

using namespace detail;

#define FILE_SELECT \
  "SELECT id, user_id, name, path, size, provider, created_at, updated_at FROM files "

FileRecord read_file(Statement& st) {
  FileRecord f;
  f.id = st.text(0);
  f.user_id = st.text(1);
  f.name = st.text(2);
  f.path = st.text(3);
  f.size = st.integer(4);
  f.provider = st.opt_text(5);
  f.created_at = st.time(6);
  f.updated_at = st.time(7);
  return f;
}

Result<FileRecord> file_by_id(Db& db, std::string_view user_id, std::string_view id) {
  auto st = db.prepare(FILE_SELECT "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(id, user_id), read_file, "File not found");
}

StoreError file_conflict(StoreError e) {
  if (e.code == StoreErrorCode::conflict) e.message = "File name must be unique";
  return e;
}

}  // namespace

Result<FileRecord> SqliteStore::create_file(FileRecord f) {
  ensure_id(f.id);
  if (unset(f.created_at)) f.created_at = now();
  if (unset(f.updated_at)) f.updated_at = f.created_at;
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "INSERT INTO files (id, user_id, name, path, size, provider, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  if (!st) return lfkit::unexpected(st.error());
  auto done =
      st->bind(f.id, f.user_id, f.name, f.path, f.size, f.provider, f.created_at, f.updated_at)
          .run();
  if (!done) return lfkit::unexpected(file_conflict(done.error()));
  return f;
}

Result<FileRecord> SqliteStore::get_file(std::string_view user_id, std::string_view id) {
  LFKIT_READ_DB(db);
  return file_by_id(db, user_id, id);
}

Result<FileRecord> SqliteStore::get_file_unscoped(std::string_view id) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FILE_SELECT "WHERE id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  return first_row(st->bind(id), read_file, "File not found");
}

Result<std::vector<FileRecord>> SqliteStore::list_files(std::string_view user_id) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(FILE_SELECT "WHERE user_id = ?1 ORDER BY rowid");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id), read_file);
}

Result<std::vector<std::string>> SqliteStore::file_names_with_prefix(std::string_view user_id,
                                                                     std::string_view prefix) {
  LFKIT_READ_DB(db);
  auto st = db.prepare(
      "SELECT name FROM files WHERE user_id = ?1 AND substr(name, 1, length(?2)) = ?2 "
      "ORDER BY rowid");
  if (!st) return lfkit::unexpected(st.error());
  return collect(st->bind(user_id, prefix), [](Statement& s) { return s.text(0); });
}

Result<FileRecord> SqliteStore::update_file(std::string_view user_id, FileRecord f) {
  f.updated_at = now();
  WriterGuard lock(*this);
  auto st = db_->prepare(
      "UPDATE files SET name = ?3, path = ?4, size = ?5, provider = ?6, updated_at = ?7 "
      "WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  auto done = st->bind(f.id, user_id, f.name, f.path, f.size, f.provider, f.updated_at).run();
  if (!done) return lfkit::unexpected(file_conflict(done.error()));
  if (*done == 0) return store_failure(StoreErrorCode::not_found, "File not found");
  return file_by_id(*db_, user_id, f.id);
}

Status SqliteStore::delete_file(std::string_view user_id, std::string_view id) {
  WriterGuard lock(*this);
  auto st = db_->prepare("DELETE FROM files WHERE id = ?1 AND user_id = ?2");
  if (!st) return lfkit::unexpected(st.error());
  return expect_changed(st->bind(id, user_id).run(), "File not found");
}

Result<std::vector<FileRecord>> SqliteStore::delete_files(std::string_view user_id,
                                                          const std::vector<std::string>& ids) {
  WriterGuard lock(*this);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  std::vector<FileRecord> deleted;
  for (const auto& id : ids) {
    auto found = file_by_id(*db_, user_id, id);
    if (!found) {
      if (found.error().code == StoreErrorCode::not_found) continue;
      return lfkit::unexpected(found.error());
    }
    auto st = db_->prepare("DELETE FROM files WHERE id = ?1 AND user_id = ?2");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(id, user_id).run());
    deleted.push_back(std::move(*found));
  }
  LFKIT_TRY(txn.commit());
  return deleted;
}

Result<std::vector<FileRecord>> SqliteStore::delete_all_files(std::string_view user_id) {
  WriterGuard lock(*this);
  WriteTxn txn(*db_);
  LFKIT_TRY(txn.begin());
  std::vector<FileRecord> files;
  {
    auto st = db_->prepare(FILE_SELECT "WHERE user_id = ?1 ORDER BY rowid");
    if (!st) return lfkit::unexpected(st.error());
    auto rows = collect(st->bind(user_id), read_file);
    if (!rows) return rows;
    files = std::move(*rows);
  }
  auto st = db_->prepare("DELETE FROM files WHERE user_id = ?1");
  if (!st) return lfkit::unexpected(st.error());
  LFKIT_TRY(st->bind(user_id).run());
  LFKIT_TRY(txn.commit());
  return files;
}

}  // namespace lfkit::store
