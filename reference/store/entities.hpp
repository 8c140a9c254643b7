// Plain value types the Store reads and writes. JSON-valued columns travel as JSON text
// (`*_json`) so the store never parses them; handlers own (de)serialisation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/clock.hpp"

namespace lfkit::store {

using Time = lfkit::SystemTime;
using OptString = std::optional<std::string>;

// A zero Time (the epoch) on create means "now"; the store fills it in.
// Times are kept with microsecond precision.
struct User {
  std::string id;  // empty on create: generated
  std::string username;
  std::string password_hash;  // encoded by lfkit::auth::hash_password
  OptString profile_image;
  OptString store_api_key;
  bool is_active = false;
  bool is_superuser = false;
  OptString optins_json;
  Time create_at{};
  Time updated_at{};
  std::optional<Time> last_login_at;
};

struct UserList {
  std::vector<User> users;
  int64_t total_count = 0;
};

struct ApiKey {
  std::string id;
  OptString name;
  std::string key_hash;    // lfkit::auth::hash_api_key(full key); the key itself is never stored
  std::string masked_key;  // lfkit::auth::mask_api_key(full key), shown when listing
  std::string user_id;
  Time created_at{};
  std::optional<Time> last_used_at;
  int64_t total_uses = 0;
  bool is_active = true;
};

struct Folder {
  std::string id;
  std::string name;
  OptString description;
  OptString parent_id;
  OptString user_id;  // null: shared (the "Starter Projects" examples folder)
  OptString auth_settings_json;
};

struct Flow {
  std::string id;
  std::string name;
  OptString description;
  OptString icon;
  OptString icon_bg_color;
  OptString gradient;
  OptString data_json;  // {"nodes":[...],"edges":[...]}; null in header-only listings
  bool is_component = false;
  Time updated_at{};
  bool webhook = false;
  OptString endpoint_name;
  OptString tags_json;  // JSON array of strings
  bool locked = false;
  bool mcp_enabled = false;
  OptString action_name;
  OptString action_description;
  std::string access_type = "PRIVATE";  // "PRIVATE" | "PUBLIC"
  OptString user_id;                    // null: shared example flow
  OptString folder_id;
  OptString fs_path;
};

struct PageRequest {
  int64_t page = 1;  // 1-based
  int64_t size = 50;
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // rows matching the filter, ignoring pagination
};

enum class FlowOrder {
  created,       // insertion order (what GET /flows/ returns)
  updated_desc,  // newest update first (project pages)
};

struct FlowQuery {
  OptString folder_id;
  bool components_only = false;  // is_component = true
  bool flows_only = false;       // is_component = false
  // Header listings: `data_json` is loaded only for components, as FlowHeader needs.
  bool header_only = false;
  OptString name_contains;  // case-insensitive substring
  std::optional<PageRequest> page;
  FlowOrder order = FlowOrder::created;
};

struct Variable {
  std::string id;
  std::string name;
  std::string value;  // stored as given: encryption is the caller's job
  OptString type;     // "Credential" | "Generic"
  OptString default_fields_json;
  std::string user_id;
  Time created_at{};
  Time updated_at{};
};

struct Message {
  std::string id;
  Time timestamp{};
  std::string sender;
  std::string sender_name;
  std::string session_id;
  std::string text;
  std::string files_json = "[]";
  bool error = false;
  bool edit = false;
  OptString flow_id;
  std::string properties_json = "{}";
  std::string category = "message";
  std::string content_blocks_json = "[]";
  OptString context_id;
};

struct MessageQuery {
  OptString flow_id;
  OptString session_id;
  OptString sender;
  OptString sender_name;
  bool newest_first = false;     // default: timestamp ascending
  std::optional<int64_t> limit;  // applied after ordering
};

struct FileRecord {
  std::string id;
  std::string user_id;
  std::string name;
  std::string path;
  int64_t size = 0;
  OptString provider;
  Time created_at{};
  Time updated_at{};
};

struct Transaction {
  std::string id;
  Time timestamp{};
  std::string vertex_id;
  OptString target_id;
  std::string inputs_json = "{}";
  std::string outputs_json = "{}";
  std::string status;  // "success" | "error"
  OptString error;
  std::string flow_id;
};

struct VertexBuild {
  std::string build_id;   // row id
  std::string vertex_id;  // serialised as "id"
  std::string flow_id;
  Time timestamp{};
  bool valid = false;
  std::string params;
  std::string data_json = "{}";
  std::string artifacts_json = "{}";
  OptString job_id;
};

// Retention caps; 0 disables a cap.
struct RetentionLimits {
  int64_t max_total = 0;
  int64_t max_per_vertex = 0;  // vertex builds only
};

// The writes a flow run makes, batched by Store::add_run_records.
struct MessageAdd {
  Message message;
};
struct MessageUpdate {
  std::string user_id;  // the flow owner (updates are owner-scoped)
  Message message;
};
struct TransactionAdd {
  Transaction transaction;
  RetentionLimits limits;
};
struct VertexBuildAdd {
  VertexBuild build;
  RetentionLimits limits;
};
using RunRecord = std::variant<MessageAdd, MessageUpdate, TransactionAdd, VertexBuildAdd>;

}  // namespace lfkit::store
