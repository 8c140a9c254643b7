#include "store/migrations.hpp"

namespace lfkit::store {
namespace {

// Timestamps are INTEGER microseconds since the Unix epoch (UTC); JSON columns are TEXT.
constexpr const char* kV1 = R"sql(
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  profile_image TEXT,
  store_api_key TEXT,
  is_active INTEGER NOT NULL DEFAULT 0,
  is_superuser INTEGER NOT NULL DEFAULT 0,
  optins TEXT,
  create_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_login_at INTEGER
);
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  name TEXT,
  key_hash TEXT NOT NULL UNIQUE,
  masked_key TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  total_uses INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX api_keys_user ON api_keys(user_id);
CREATE TABLE folders (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  parent_id TEXT REFERENCES folders(id) ON DELETE CASCADE,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  auth_settings TEXT
);
CREATE UNIQUE INDEX folders_user_name ON folders(user_id, name);
CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  description TEXT,
  icon TEXT,
  icon_bg_color TEXT,
  gradient TEXT,
  data TEXT,
  is_component INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  webhook INTEGER NOT NULL DEFAULT 0,
  endpoint_name TEXT,
  tags TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  mcp_enabled INTEGER NOT NULL DEFAULT 0,
  action_name TEXT,
  action_description TEXT,
  access_type TEXT NOT NULL DEFAULT 'PRIVATE' CHECK (access_type IN ('PRIVATE', 'PUBLIC')),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  folder_id TEXT REFERENCES folders(id) ON DELETE CASCADE,
  fs_path TEXT
);
CREATE UNIQUE INDEX flows_user_name ON flows(user_id, name);
CREATE UNIQUE INDEX flows_user_endpoint ON flows(user_id, endpoint_name);
CREATE INDEX flows_folder ON flows(folder_id);
CREATE TABLE variables (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  type TEXT,
  default_fields TEXT,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, name)
);
CREATE TABLE messages (
  id TEXT PRIMARY KEY,
  timestamp INTEGER NOT NULL,
  sender TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  session_id TEXT NOT NULL,
  text TEXT NOT NULL,
  files TEXT NOT NULL DEFAULT '[]',
  error INTEGER NOT NULL DEFAULT 0,
  edit INTEGER NOT NULL DEFAULT 0,
  flow_id TEXT REFERENCES flows(id) ON DELETE CASCADE,
  properties TEXT NOT NULL DEFAULT '{}',
  category TEXT NOT NULL DEFAULT 'message',
  content_blocks TEXT NOT NULL DEFAULT '[]',
  context_id TEXT
);
CREATE INDEX messages_flow_session ON messages(flow_id, session_id, timestamp);
CREATE INDEX messages_session ON messages(session_id);
CREATE TABLE files (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  provider TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, name)
);
CREATE TABLE transactions (
  id TEXT PRIMARY KEY,
  timestamp INTEGER NOT NULL,
  vertex_id TEXT NOT NULL,
  target_id TEXT,
  inputs TEXT NOT NULL DEFAULT '{}',
  outputs TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  error TEXT,
  flow_id TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE
);
CREATE INDEX transactions_flow ON transactions(flow_id, timestamp);
CREATE TABLE vertex_builds (
  build_id TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  flow_id TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
  timestamp INTEGER NOT NULL,
  valid INTEGER NOT NULL,
  params TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',
  artifacts TEXT NOT NULL DEFAULT '{}',
  job_id TEXT
);
CREATE INDEX vertex_builds_flow ON vertex_builds(flow_id, id, timestamp);
)sql";

// Execution traces and their spans (Langflow 1.10's trace / span tables).
constexpr const char* kV2Traces = R"sql(
CREATE TABLE traces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'unset' CHECK (status IN ('unset', 'ok', 'error')),
  start_time INTEGER,
  end_time INTEGER,
  total_latency_ms INTEGER NOT NULL DEFAULT 0,
  total_tokens INTEGER NOT NULL DEFAULT 0,
  flow_id TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE,
  session_id TEXT
);
CREATE INDEX traces_flow_start ON traces(flow_id, start_time);
CREATE TABLE spans (
  id TEXT PRIMARY KEY,
  trace_id TEXT NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
  parent_span_id TEXT,
  name TEXT NOT NULL,
  span_type TEXT NOT NULL DEFAULT 'chain',
  status TEXT NOT NULL DEFAULT 'unset',
  start_time INTEGER,
  end_time INTEGER,
  latency_ms INTEGER NOT NULL DEFAULT 0,
  inputs TEXT,
  outputs TEXT,
  error TEXT,
  attributes TEXT
);
CREATE INDEX spans_trace ON spans(trace_id, start_time);
)sql";

// Retention trims the oldest run records on (timestamp, rowid): an index keeps that O(log n).
constexpr const char* kV3RetentionIndexes = R"sql(
CREATE INDEX transactions_timestamp ON transactions(timestamp);
CREATE INDEX vertex_builds_timestamp ON vertex_builds(timestamp);
)sql";

// A counter every change to flows or folders bumps (triggers also fire for cascades),
// so cached flow listings can tell they are stale without re-reading the rows.
constexpr const char* kV4ChangeCounters = R"sql(
CREATE TABLE change_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO change_counters (name, value) VALUES ('flows', 0);
CREATE INDEX flows_endpoint_name ON flows(endpoint_name);
CREATE TRIGGER flows_counted_insert AFTER INSERT ON flows
  BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'flows'; END;
CREATE TRIGGER flows_counted_update AFTER UPDATE ON flows
  BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'flows'; END;
CREATE TRIGGER flows_counted_delete AFTER DELETE ON flows
  BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'flows'; END;
CREATE TRIGGER folders_counted_insert AFTER INSERT ON folders
  BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'flows'; END;
CREATE TRIGGER folders_counted_update AFTER UPDATE ON folders
  BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'flows'; END;
CREATE TRIGGER folders_counted_delete AFTER DELETE ON folders
  BEGIN UPDATE change_counters SET value = value + 1 WHERE name = 'flows'; END;
)sql";

// The generations moved into the process (ChangeClock: the writer's update hook), which also
// sees changes SQL triggers cannot name; the counters only cost every flow write a row update.
constexpr const char* kV5DropChangeCounters = R"sql(
DROP TRIGGER flows_counted_insert;
DROP TRIGGER flows_counted_update;
DROP TRIGGER flows_counted_delete;
DROP TRIGGER folders_counted_insert;
DROP TRIGGER folders_counted_update;
DROP TRIGGER folders_counted_delete;
DROP TABLE change_counters;
)sql";

// Public playground messages (build_public_tmp) live under a per-visitor virtual flow id
// (upstream's compute_virtual_flow_id), which names no flow row: messages lose their foreign key
// (triggers keep the cascade from flows) and virtual_flows records who each virtual id belongs
// to: the signed-in visitor, or nobody for a client_id cookie. message_owners is what message
// queries scope by.
constexpr const char* kV6VirtualFlows = R"sql(
CREATE TABLE virtual_flows (
  id TEXT PRIMARY KEY,
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  source_flow_id TEXT NOT NULL REFERENCES flows(id) ON DELETE CASCADE
);
CREATE INDEX virtual_flows_source ON virtual_flows(source_flow_id);
CREATE TABLE messages_v6 (
  id TEXT PRIMARY KEY,
  timestamp INTEGER NOT NULL,
  sender TEXT NOT NULL,
  sender_name TEXT NOT NULL,
  session_id TEXT NOT NULL,
  text TEXT NOT NULL,
  files TEXT NOT NULL DEFAULT '[]',
  error INTEGER NOT NULL DEFAULT 0,
  edit INTEGER NOT NULL DEFAULT 0,
  flow_id TEXT,
  properties TEXT NOT NULL DEFAULT '{}',
  category TEXT NOT NULL DEFAULT 'message',
  content_blocks TEXT NOT NULL DEFAULT '[]',
  context_id TEXT
);
INSERT INTO messages_v6 (id, timestamp, sender, sender_name, session_id, text, files, error, edit,
                         flow_id, properties, category, content_blocks, context_id)
  SELECT id, timestamp, sender, sender_name, session_id, text, files, error, edit, flow_id,
         properties, category, content_blocks, context_id FROM messages;
DROP TABLE messages;
ALTER TABLE messages_v6 RENAME TO messages;
CREATE INDEX messages_flow_session ON messages(flow_id, session_id, timestamp);
CREATE INDEX messages_session ON messages(session_id);
CREATE TRIGGER flows_delete_messages AFTER DELETE ON flows
  BEGIN DELETE FROM messages WHERE flow_id = OLD.id; END;
CREATE TRIGGER virtual_flows_delete_messages AFTER DELETE ON virtual_flows
  BEGIN DELETE FROM messages WHERE flow_id = OLD.id; END;
CREATE VIEW message_owners (id, user_id, virtual) AS
  SELECT id, user_id, 0 FROM flows UNION ALL SELECT id, user_id, 1 FROM virtual_flows;
)sql";

constexpr Migration kMigrations[] = {{1, kV1},
                                     {2, kV2Traces},
                                     {3, kV3RetentionIndexes},
                                     {4, kV4ChangeCounters},
                                     {5, kV5DropChangeCounters},
                                     {6, kV6VirtualFlows}};

}  // namespace

std::span<const Migration> sqlite_migrations() {
  return kMigrations;
}

Result<int64_t> current_schema_version(Db& db) {
  auto st = db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!st) return lfkit::unexpected(st.error());
  auto row = st->step();
  if (!row) return lfkit::unexpected(row.error());
  return st->integer(0);
}

Status apply_migrations(Db& db, std::span<const Migration> migrations) {
  WriteTxn txn(db);
  if (auto ok = txn.begin(); !ok) return ok;
  if (auto ok = db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                        "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
      !ok) {
    return ok;
  }
  auto current = current_schema_version(db);
  if (!current) return lfkit::unexpected(current.error());
  for (const auto& migration : migrations) {
    if (migration.version <= *current) continue;
    if (auto ok = db.exec(migration.sql); !ok) return ok;
    auto record = db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?1, ?2)");
    if (!record) return lfkit::unexpected(record.error());
    auto done = record->bind(migration.version, std::chrono::system_clock::now()).run();
    if (!done) return lfkit::unexpected(done.error());
  }
  return txn.commit();
}

}  // namespace lfkit::store
