// Langflow's own SQLite database (its tables alembic_version, flow, user) must not be
// opened as lfkit's: lfkit would add its tables beside Langflow's and start empty, and a
// shell carrying Langflow's LANGFLOW_DATABASE_URL would do that silently.
#pragma once

#include <optional>
#include <string>

namespace lfkit::api {

// A message refusing `path` when it holds a Langflow database; nullopt when the file is
// missing, empty, lfkit's own or anything else SQLite can open (the store reports the rest).
std::optional<std::string> refuse_langflow_database(const std::string& path);

}  // namespace lfkit::api
