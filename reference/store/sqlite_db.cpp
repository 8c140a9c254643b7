#include "store/sqlite_db.hpp"

#include <mutex>

namespace lfkit::store {
namespace {

// Process-wide SQLite settings, before the library initializes. Every connection is opened
// NOMUTEX and used by one thread at a time, so MULTITHREAD drops the per-call mutexes; and
// without memory statistics (which nothing reads) each sqlite3_malloc/free no longer takes
// a global mutex, which the run-record writer did thousands of times per batch.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    // SQLITE_MISUSE if something initialized SQLite first: the defaults then stay, harmlessly.
    (void)sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

}  // namespace

int64_t to_micros(Time t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

Time from_micros(int64_t micros) {
  return Time(std::chrono::duration_cast<Time::duration>(std::chrono::microseconds(micros)));
}

StoreError error_from(sqlite3* db, int rc) {
  std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return {StoreErrorCode::conflict, std::move(message)};
    case SQLITE_CONSTRAINT_FOREIGNKEY:
    case SQLITE_CONSTRAINT_CHECK:
    case SQLITE_CONSTRAINT_NOTNULL:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return {StoreErrorCode::invalid, std::move(message)};
    default:
      return {StoreErrorCode::io, std::move(message)};
  }
}

Statement::~Statement() {
  if (stmt_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

void Statement::bind_one(int index, std::string_view value) {
  int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::bind_one(int index, const OptString& value) {
  if (value) {
    bind_one(index, std::string_view(*value));
  } else {
    bind_one(index, nullptr);
  }
}

void Statement::bind_one(int index, int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

void Statement::bind_one(int index, const std::optional<Time>& value) {
  if (value) {
    bind_one(index, *value);
  } else {
    bind_one(index, nullptr);
  }
}

void Statement::bind_one(int index, std::nullptr_t) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) bind_error_ = rc;
}

Result<bool> Statement::step() {
  if (bind_error_ != SQLITE_OK) return lfkit::unexpected(error_from(db_, bind_error_));
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return lfkit::unexpected(error_from(db_, sqlite3_extended_errcode(db_)));
}

Result<int64_t> Statement::run() {
  while (true) {
    auto more = step();
    if (!more) return lfkit::unexpected(more.error());
    if (!*more) break;
  }
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

std::string Statement::text(int col) const {
  const auto* data = sqlite3_column_text(stmt_, col);
  if (!data) return {};
  return std::string(reinterpret_cast<const char*>(data),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

OptString Statement::opt_text(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return text(col);
}

int64_t Statement::integer(int col) const {
  return sqlite3_column_int64(stmt_, col);
}

std::optional<Time> Statement::opt_time(int col) const {
  if (sqlite3_column_type(stmt_, col) == SQLITE_NULL) return std::nullopt;
  return time(col);
}

Result<std::unique_ptr<Db>> Db::open(const std::string& path, DbRole role) {
  configure_sqlite_once();
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (role == DbRole::writer) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    StoreError err = error_from(raw, rc);
    sqlite3_close(raw);
    return lfkit::unexpected(std::move(err));
  }
  sqlite3_extended_result_codes(raw, 1);
  std::unique_ptr<Db> db(new Db(raw));
  // temp_store=MEMORY: statement and savepoint journals (a run-record batch's exceed SQLite's
  // 64 KiB spill threshold) stay in memory instead of a temp file written page by page.
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000",
        "PRAGMA synchronous=NORMAL", "PRAGMA temp_store=MEMORY"}) {
    if (auto ok = db->exec(pragma); !ok) return lfkit::unexpected(ok.error());
  }
  // Page caches (SQLite's default is 2 MiB each): the writer gets 8 MiB, since run
  // records churn the vertex_builds/transactions B-trees and misses there cost a
  // pread each; readers get 1 MiB each (the OS page cache is behind them anyway),
  // which keeps the server's memory small with many readers.
  const char* cache =
      role == DbRole::reader ? "PRAGMA cache_size=-1024" : "PRAGMA cache_size=-8192";
  if (auto ok = db->exec(cache); !ok) return lfkit::unexpected(ok.error());
  if (role == DbRole::reader) {
    if (auto ok = db->exec("PRAGMA query_only=1"); !ok) return lfkit::unexpected(ok.error());
  } else {
    // Checkpoint every 8000 WAL pages (~32 MiB) rather than 1000: each commit rewrites the same
    // tail pages of the run-record indexes, and a page is copied to the database once per
    // checkpoint however often it was rewritten in the WAL since the last one.
    if (auto ok = db->exec("PRAGMA wal_autocheckpoint=8000"); !ok)
      return lfkit::unexpected(ok.error());
  }
  return db;
}

Db::~Db() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Result<Statement> Db::prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return lfkit::unexpected(error(sqlite3_extended_errcode(db_)));
    it = cache_.emplace(sql, stmt).first;
  }
  return Statement(it->second, db_);
}

Status Db::exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  StoreError err = error(sqlite3_extended_errcode(db_));
  if (message) {
    err.message = message;
    sqlite3_free(message);
  }
  return lfkit::unexpected(std::move(err));
}

WriteTxn::~WriteTxn() {
  if (open_) db_.exec("ROLLBACK");
}

Status WriteTxn::begin() {
  auto ok = db_.exec("BEGIN IMMEDIATE");
  open_ = ok.has_value();
  return ok;
}

Status WriteTxn::commit() {
  auto ok = db_.exec("COMMIT");
  if (ok) open_ = false;
  return ok;
}

ReadTxn::~ReadTxn() {
  if (open_) db_.exec("COMMIT");
}

Status ReadTxn::begin() {
  auto ok = db_.exec("BEGIN");
  open_ = ok.has_value();
  return ok;
}

}  // namespace lfkit::store
