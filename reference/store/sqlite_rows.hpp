// Internal helpers shared by the SQLite entity files: reading rows into values.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "common/uuid.hpp"
#include "store/sqlite_db.hpp"
#include "store/sqlite_reader_pool.hpp"

namespace lfkit::store::detail {

// Microsecond precision: what the database keeps, so returned values match later reads.
inline Time now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}
inline bool unset(Time t) {
  return t == Time{};
}
inline void ensure_id(std::string& id) {
  if (id.empty()) id = lfkit::new_uuid();
}

// All rows, each read by `read(Statement&)`.
template <typename Read>
auto collect(Statement& st, Read read) -> Result<std::vector<decltype(read(st))>> {
  std::vector<decltype(read(st))> rows;
  while (true) {
    auto more = st.step();
    if (!more) return lfkit::unexpected(more.error());
    if (!*more) return rows;
    rows.push_back(read(st));
  }
}

// The first row, or not_found with `what` as the message.
template <typename Read>
auto first_row(Statement& st, Read read, const char* what) -> Result<decltype(read(st))> {
  auto more = st.step();
  if (!more) return lfkit::unexpected(more.error());
  if (!*more) return store_failure(StoreErrorCode::not_found, what);
  return read(st);
}

inline Result<int64_t> count_row(Statement& st) {
  auto more = st.step();
  if (!more) return lfkit::unexpected(more.error());
  return st.integer(0);
}

inline Status expect_changed(Result<int64_t> changes, const char* what) {
  if (!changes) return lfkit::unexpected(changes.error());
  if (*changes == 0) return store_failure(StoreErrorCode::not_found, what);
  return {};
}

// Runs one constant statement that returns no rows (savepoints and the like).
inline Status run_sql(Db& db, const char* sql) {
  auto st = db.prepare(sql);
  if (!st) return ::lfkit::unexpected(st.error());
  auto done = st->run();
  if (!done) return ::lfkit::unexpected(done.error());
  return {};
}

}  // namespace lfkit::store::detail

// Propagates a failed Result/Status from the enclosing function.
#define LFKIT_TRY(expr)                                                \
  do {                                                                 \
    if (auto lfkit_try_result = (expr); !lfkit_try_result) {           \
      return ::lfkit::unexpected(std::move(lfkit_try_result.error())); \
    }                                                                  \
  } while (0)

// Declares `Db& name`: a read connection held until the end of the enclosing scope (inside a
// SqliteStore member returning Result/Status).
#define LFKIT_READ_DB(name)                                                       \
  auto name##_lease = reader();                                                   \
  if (!name##_lease) return ::lfkit::unexpected(std::move(name##_lease.error())); \
  Db& name = **name##_lease
