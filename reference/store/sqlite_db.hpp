// A thin RAII layer over one sqlite3 connection: cached prepared statements with typed
// binding/reading, and error mapping to StoreError. Not thread-safe by itself.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/entities.hpp"
#include "store/store_error.hpp"

namespace lfkit::store {

int64_t to_micros(Time t);
Time from_micros(int64_t micros);

// Maps an SQLite result code (with the connection's message) to a StoreError.
StoreError error_from(sqlite3* db, int rc);

// A borrowed, cached statement; resets itself (and its bindings) when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  Statement(Statement&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)),
        db_(other.db_),
        bind_error_(other.bind_error_) {}
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binds parameters ?1..?N in order.
  template <typename... Args>
  Statement& bind(const Args&... args) {
    int index = 0;
    (bind_one(++index, args), ...);
    return *this;
  }

  // true: a row is available; false: done. Errors come back as StoreError.
  Result<bool> step();
  // Runs to completion; returns sqlite3_changes.
  Result<int64_t> run();

  std::string text(int col) const;
  OptString opt_text(int col) const;
  int64_t integer(int col) const;
  bool boolean(int col) const { return integer(col) != 0; }
  Time time(int col) const { return from_micros(integer(col)); }
  std::optional<Time> opt_time(int col) const;

 private:
  void bind_one(int index, std::string_view value);
  void bind_one(int index, const std::string& value) { bind_one(index, std::string_view(value)); }
  void bind_one(int index, const char* value) { bind_one(index, std::string_view(value)); }
  void bind_one(int index, const OptString& value);
  void bind_one(int index, int64_t value);
  void bind_one(int index, int value) { bind_one(index, static_cast<int64_t>(value)); }
  void bind_one(int index, bool value) { bind_one(index, static_cast<int64_t>(value ? 1 : 0)); }
  void bind_one(int index, Time value) { bind_one(index, to_micros(value)); }
  void bind_one(int index, const std::optional<Time>& value);
  void bind_one(int index, std::nullptr_t);

  sqlite3_stmt* stmt_;
  sqlite3* db_;
  int bind_error_ = SQLITE_OK;
};

// reader: a pooled read connection (`PRAGMA query_only`), opened once the writer has migrated.
enum class DbRole { writer, reader };

class Db {
 public:
  static Result<std::unique_ptr<Db>> open(const std::string& path, DbRole role = DbRole::writer);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  // Prepared once per connection, then reused. `sql` must be a compile-time constant:
  // values always travel as bound parameters.
  Result<Statement> prepare(const char* sql);
  Status exec(const char* sql);  // DDL / pragmas / transaction control
  StoreError error(int rc) const { return error_from(db_, rc); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() succeeded.
class WriteTxn {
 public:
  explicit WriteTxn(Db& db) : db_(db) {}
  ~WriteTxn();
  Status begin();
  Status commit();

 private:
  Db& db_;
  bool open_ = false;
};

// BEGIN ... COMMIT around several reads (a page and its COUNT(*)) so they see one snapshot.
class ReadTxn {
 public:
  explicit ReadTxn(Db& db) : db_(db) {}
  ~ReadTxn();
  Status begin();

 private:
  Db& db_;
  bool open_ = false;
};

}  // namespace lfkit::store
