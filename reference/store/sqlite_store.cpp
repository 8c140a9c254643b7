#include "store/sqlite_store.hpp"

#include "store/migrations.hpp"
#include "store/sqlite_db.hpp"

namespace lfkit::store {

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  auto db = Db::open(path);
  if (!db) return lfkit::unexpected(db.error());
  if (auto ok = apply_migrations(**db, sqlite_migrations()); !ok) {
    return lfkit::unexpected(ok.error());
  }
  return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(*db)));
}

SqliteStore::SqliteStore(std::unique_ptr<Db> db) : db_(std::move(db)) {}
SqliteStore::~SqliteStore() = default;

Result<int64_t> SqliteStore::schema_version() {
  std::lock_guard lock(mutex_);
  return current_schema_version(*db_);
}

}  // namespace lfkit::store
