// Versioned schema migrations, applied in order at open inside one transaction and
// recorded in `schema_migrations`, so reopening an up-to-date database is a no-op.
#pragma once

#include <cstdint>
#include <span>

#include "store/sqlite_db.hpp"

namespace lfkit::store {

struct Migration {
  int64_t version;
  const char* sql;
};

std::span<const Migration> sqlite_migrations();

Status apply_migrations(Db& db, std::span<const Migration> migrations);
Result<int64_t> current_schema_version(Db& db);

}  // namespace lfkit::store
