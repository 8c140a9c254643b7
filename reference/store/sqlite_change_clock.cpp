#include "store/sqlite_change_clock.hpp"

#include <sqlite3.h>

#include <string_view>

#include "store/sqlite_db.hpp"

namespace lfkit::store {
namespace {

constexpr unsigned bit(ChangeTopic topic) {
  return 1u << static_cast<unsigned>(topic);
}

// Which topics a row change in `table` can affect. Deleting a user cascades to its keys,
// folders and flows, and deleting a folder to its flows: the parent table's own change
// already names every topic the cascade reaches.
unsigned topics_of(std::string_view table) {
  if (table == "users") return bit(ChangeTopic::auth) | bit(ChangeTopic::flows);
  if (table == "api_keys") return bit(ChangeTopic::auth);
  if (table == "flows" || table == "folders") return bit(ChangeTopic::flows);
  return 0;
}

}  // namespace

void ChangeClock::attach(Db& writer) {
  sqlite3_update_hook(
      writer.handle(),
      [](void* self, int op, const char* database, const char* table, sqlite3_int64 rowid) {
        on_row_change(self, op, database, table, rowid);
      },
      this);
}

void ChangeClock::on_row_change(void* self, int, const char*, const char* table, long long) {
  auto* clock = static_cast<ChangeClock*>(self);
  if (!clock->muted_) clock->pending_ |= topics_of(table);
}

void ChangeClock::publish() {
  if (pending_ & bit(ChangeTopic::flows)) flows_.fetch_add(1, std::memory_order_acq_rel);
  if (pending_ & bit(ChangeTopic::auth)) auth_.fetch_add(1, std::memory_order_acq_rel);
  pending_ = 0;
}

int64_t ChangeClock::generation(ChangeTopic topic) const {
  return (topic == ChangeTopic::flows ? flows_ : auth_).load(std::memory_order_acquire);
}

}  // namespace lfkit::store
