// Server settings from LANGFLOW_* environment variables and command-line
// flags (flags win over the environment, the environment over defaults).
// Each option, its variable and default are listed by help_text().
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"

namespace lfkit::config {

struct Settings {
  // Server
  std::string host = "127.0.0.1";
  int64_t port = 7860;
  int64_t workers = 0;             // I/O threads; 0 = hardware cores
  std::string config_dir;          // default: $XDG_CACHE_HOME/lfkit or ~/.cache/lfkit
  std::string database_url;        // default: sqlite:///<config_dir>/langflow.db
  std::string database_path;       // filesystem path taken from database_url
  std::string log_file;            // access and error lines also appended here
  std::string log_level = "INFO";  // INFO or DEBUG: access log on; WARNING and up: off

  // Authentication (SEMANTICS §1.9)
  bool auto_login = true;
  bool skip_auth_auto_login = false;
  std::string superuser = "langflow";
  std::string superuser_password = "langflow";
  std::string secret_key;  // empty: the auth layer generates and stores one
  std::string algorithm = "HS256";
  int64_t access_token_expire_seconds = 3600;
  int64_t refresh_token_expire_seconds = 604800;
  bool new_user_is_active = false;
  bool enable_signup = true;
  bool webhook_auth_enable = false;
  std::string refresh_same_site = "none";
  bool refresh_secure = true;
  bool refresh_httponly = true;
  std::string access_same_site = "lax";
  bool access_secure = false;
  bool access_httponly = false;
  std::string cookie_domain;          // empty: no Domain attribute
  std::string api_key_source = "db";  // "db" | "env"
  std::string env_api_key;            // LANGFLOW_API_KEY, checked first when the source is env
  bool disable_track_apikey_usage = false;
  bool remove_api_keys = false;

  // Features and limits (SEMANTICS §9)
  int64_t max_file_size_upload = 1024;  // MB
  bool enable_log_retrieval = false;
  int64_t log_retriever_buffer_size = 10000;
  std::string cors_origins = "*";  // comma-separated, or "*"
  bool cors_allow_credentials = true;
  bool developer_api_enabled = false;
  std::string event_delivery = "streaming";  // "polling" | "streaming" | "direct"
  bool fallback_to_env_var = true;
  bool create_starter_projects = true;
  std::string load_flows_path;  // *.json flow exports stored for the superuser at startup
  bool agentic_experience = true;

  // lfkit's own
  int64_t header_timeout_ms = 30000;
  int64_t body_timeout_ms = 300000;
  int64_t json_body_limit_mb = 100;
  int64_t shutdown_grace_ms = 10000;

  // Language models: with a base URL, every LLM/Agent component calls this OpenAI-compatible
  // endpoint (unless it names its own); without, they run the deterministic stand-in.
  std::string openai_api_base;
  std::string openai_api_key;  // sent when a component has no API key of its own
  int64_t llm_timeout_ms = 120000;

  std::string env_file;  // --env-file: read before everything else (see read_env_file)

  // Command-line only actions (main acts on them).
  bool show_help = false;
  bool show_version = false;
  bool list_operations = false;
};

// Reads an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;
// The process environment (getenv).
EnvLookup process_env();

// Loads settings. args excludes the program name. Errors name the offending
// variable or flag, e.g. "LANGFLOW_PORT: expected an integer, got 'abc'".
lfkit::Expected<Settings, std::string> load_settings(const std::vector<std::string>& args,
                                                     const EnvLookup& env = process_env());
lfkit::Expected<Settings, std::string> load_settings(int argc, const char* const* argv,
                                                     const EnvLookup& env = process_env());

// --env-file PATH (or --env-file=PATH) among `args`, if given.
std::optional<std::string> env_file_argument(const std::vector<std::string>& args);

// Reads a dotenv file: KEY=VALUE lines, optional "export ", blank lines and # comments,
// values optionally in single or double quotes. Errors name the file and line.
lfkit::Expected<std::vector<std::pair<std::string, std::string>>, std::string> read_env_file(
    const std::string& path);

// --help text: every option with its flag, variable and default.
std::string help_text();

// pydantic's bool parsing: true/false, 1/0, yes/no, on/off, t/f, y/n (any case).
std::optional<bool> parse_bool(std::string_view text);

}  // namespace lfkit::config
