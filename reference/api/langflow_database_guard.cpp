#include "api/langflow_database_guard.hpp"

#include <sqlite3.h>

#include <filesystem>

namespace lfkit::api {
namespace {

bool has_table(sqlite3* db, const char* name) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", -1,
                         &stmt, nullptr) != SQLITE_OK)
    return false;
  sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
  const bool found = sqlite3_step(stmt) == SQLITE_ROW;
  sqlite3_finalize(stmt);
  return found;
}

}  // namespace

std::optional<std::string> refuse_langflow_database(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || std::filesystem::file_size(path, ec) == 0)
    return std::nullopt;
  sqlite3* db = nullptr;
  // Read-only and without creating anything: this only looks.
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return std::nullopt;
  }
  const bool langflow =
      has_table(db, "alembic_version") && has_table(db, "flow") && has_table(db, "user");
  sqlite3_close(db);
  if (!langflow) return std::nullopt;
  return path +
         " is a Langflow database (it has Langflow's alembic_version, flow and user tables). "
         "lfkit keeps its own tables and would start empty beside Langflow's data, so it does "
         "not open it. Point LANGFLOW_DATABASE_URL (--database-url) at a separate file, e.g. "
         "sqlite:///" +
         (std::filesystem::path(path).parent_path() / "lfkit.db").string() +
         "; Langflow's users, flows and variables are not imported.";
}

}  // namespace lfkit::api
