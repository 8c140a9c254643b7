#include "config/settings.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <variant>

namespace lfkit::config {
namespace {

struct Choices {
  std::vector<std::string_view> allowed;  // empty: any string
};

struct IntRange {
  int64_t min;
  int64_t max;
};

using Field = std::variant<std::string Settings::*, bool Settings::*, int64_t Settings::*>;

struct Option {
  std::string_view flag;  // without "--"
  std::string_view env;   // "" for flag-only options
  Field field;
  std::string_view default_text;
  std::string_view help;
  Choices choices{};
  IntRange range{0, INT64_MAX};
};

constexpr int64_t kMaxPort = 65535;

const std::vector<Option>& options() {
  static const std::vector<Option> table = {
      {"host", "LANGFLOW_HOST", &Settings::host, "127.0.0.1", "address to listen on"},
      {"port",
       "LANGFLOW_PORT",
       &Settings::port,
       "7860",
       "TCP port (0 = any free port)",
       {},
       {0, kMaxPort}},
      {"workers",
       "LANGFLOW_WORKERS",
       &Settings::workers,
       "0",
       "I/O threads (0 = CPU cores)",
       {},
       {0, 1024}},
      {"config-dir", "LANGFLOW_CONFIG_DIR", &Settings::config_dir,
       "$XDG_CACHE_HOME/lfkit or ~/.cache/lfkit", "data folder (database, uploaded files)"},
      {"database-url", "LANGFLOW_DATABASE_URL", &Settings::database_url,
       "sqlite:///<config-dir>/langflow.db",
       "database; only sqlite:///path is supported; one server per database (locked)"},
      {"log-level",
       "LANGFLOW_LOG_LEVEL",
       &Settings::log_level,
       "INFO",
       "DEBUG, INFO, WARNING, ERROR or CRITICAL; the access log and start-up lines are INFO, "
       "500 causes ERROR",
       {{"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}}},
      {"log-file", "LANGFLOW_LOG_FILE", &Settings::log_file, "unset",
       "also append the access log and error lines to this file"},
      {"auto-login", "LANGFLOW_AUTO_LOGIN", &Settings::auto_login, "true",
       "log requests in as the superuser without credentials"},
      {"skip-auth-auto-login", "LANGFLOW_SKIP_AUTH_AUTO_LOGIN", &Settings::skip_auth_auto_login,
       "false", "with auto login, accept requests that carry no API key"},
      {"superuser", "LANGFLOW_SUPERUSER", &Settings::superuser, "langflow",
       "superuser name created at startup"},
      {"superuser-password", "LANGFLOW_SUPERUSER_PASSWORD", &Settings::superuser_password,
       "langflow", "superuser password"},
      {"secret-key", "LANGFLOW_SECRET_KEY", &Settings::secret_key, "generated",
       "JWT signing and encryption key"},
      {"algorithm",
       "LANGFLOW_ALGORITHM",
       &Settings::algorithm,
       "HS256",
       "JWT algorithm",
       {{"HS256"}}},
      {"access-token-expire-seconds",
       "LANGFLOW_ACCESS_TOKEN_EXPIRE_SECONDS",
       &Settings::access_token_expire_seconds,
       "3600",
       "access token lifetime",
       {},
       {1, INT64_MAX}},
      {"refresh-token-expire-seconds",
       "LANGFLOW_REFRESH_TOKEN_EXPIRE_SECONDS",
       &Settings::refresh_token_expire_seconds,
       "604800",
       "refresh token lifetime",
       {},
       {1, INT64_MAX}},
      {"new-user-is-active", "LANGFLOW_NEW_USER_IS_ACTIVE", &Settings::new_user_is_active, "false",
       "users created by sign-up start active"},
      {"enable-signup", "LANGFLOW_ENABLE_SIGNUP", &Settings::enable_signup, "true",
       "allow sign-up without credentials (POST /api/v1/users/); when off, only a superuser "
       "creates users, others get 403"},
      {"webhook-auth-enable", "LANGFLOW_WEBHOOK_AUTH_ENABLE", &Settings::webhook_auth_enable,
       "false", "webhooks require x-api-key"},
      {"refresh-same-site",
       "LANGFLOW_REFRESH_SAME_SITE",
       &Settings::refresh_same_site,
       "none",
       "SameSite of refresh_token_lf",
       {{"lax", "strict", "none"}}},
      {"refresh-secure", "LANGFLOW_REFRESH_SECURE", &Settings::refresh_secure, "true",
       "Secure flag of refresh_token_lf"},
      {"refresh-httponly", "LANGFLOW_REFRESH_HTTPONLY", &Settings::refresh_httponly, "true",
       "HttpOnly flag of refresh_token_lf"},
      {"access-same-site",
       "LANGFLOW_ACCESS_SAME_SITE",
       &Settings::access_same_site,
       "lax",
       "SameSite of access_token_lf",
       {{"lax", "strict", "none"}}},
      {"access-secure", "LANGFLOW_ACCESS_SECURE", &Settings::access_secure, "false",
       "Secure flag of access_token_lf"},
      {"access-httponly", "LANGFLOW_ACCESS_HTTPONLY", &Settings::access_httponly, "false",
       "HttpOnly flag of access_token_lf"},
      {"cookie-domain", "LANGFLOW_COOKIE_DOMAIN", &Settings::cookie_domain, "unset",
       "Domain attribute of auth cookies"},
      {"api-key-source",
       "LANGFLOW_API_KEY_SOURCE",
       &Settings::api_key_source,
       "db",
       "where API keys are checked: db (stored keys), or env (a key equal to LANGFLOW_API_KEY "
       "acts as the superuser; others are checked in the database)",
       {{"db", "env"}}},
      {"", "LANGFLOW_API_KEY", &Settings::env_api_key, "unset",
       "the API key accepted with --api-key-source env (variable only, never a flag)"},
      {"disable-track-apikey-usage", "LANGFLOW_DISABLE_TRACK_APIKEY_USAGE",
       &Settings::disable_track_apikey_usage, "false", "do not update API key usage counters"},
      {"remove-api-keys", "LANGFLOW_REMOVE_API_KEYS", &Settings::remove_api_keys, "false",
       "blank API-key-like fields when saving flows"},
      {"max-file-size-upload",
       "LANGFLOW_MAX_FILE_SIZE_UPLOAD",
       &Settings::max_file_size_upload,
       "1024",
       "upload size limit in MB",
       {},
       {1, 1024 * 1024}},
      {"enable-log-retrieval", "LANGFLOW_ENABLE_LOG_RETRIEVAL", &Settings::enable_log_retrieval,
       "false", "serve /logs and /logs-stream"},
      {"log-retriever-buffer-size",
       "LANGFLOW_LOG_RETRIEVER_BUFFER_SIZE",
       &Settings::log_retriever_buffer_size,
       "10000",
       "log lines kept for /logs",
       {},
       {0, 10'000'000}},
      {"cors-origins", "LANGFLOW_CORS_ORIGINS", &Settings::cors_origins, "*",
       "allowed CORS origins, comma-separated"},
      {"cors-allow-credentials", "LANGFLOW_CORS_ALLOW_CREDENTIALS",
       &Settings::cors_allow_credentials, "true", "allow credentialed CORS requests"},
      {"developer-api-enabled", "LANGFLOW_DEVELOPER_API_ENABLED", &Settings::developer_api_enabled,
       "false", "enable developer API routes"},
      {"event-delivery",
       "LANGFLOW_EVENT_DELIVERY",
       &Settings::event_delivery,
       "streaming",
       "build event delivery",
       {{"polling", "streaming", "direct"}}},
      {"fallback-to-env-var", "LANGFLOW_FALLBACK_TO_ENV_VAR", &Settings::fallback_to_env_var,
       "true",
       "a flow field bound to a global variable the user does not have reads the environment "
       "variable of that name"},
      {"create-starter-projects", "LANGFLOW_CREATE_STARTER_PROJECTS",
       &Settings::create_starter_projects, "true", "create the starter projects at startup"},
      {"load-flows-path", "LANGFLOW_LOAD_FLOWS_PATH", &Settings::load_flows_path, "unset",
       "folder of *.json flow exports stored for the superuser at startup (a <uuid>.json file "
       "keeps that id; a flow already stored is updated); needs auto login, as upstream"},
      {"agentic-experience", "LANGFLOW_AGENTIC_EXPERIENCE", &Settings::agentic_experience, "true",
       "serve the agentic assistant routes and /run/session; off: they answer 404 "
       "\"This endpoint is not available\""},
      {"header-timeout-ms",
       "LFKIT_HEADER_TIMEOUT_MS",
       &Settings::header_timeout_ms,
       "30000",
       "idle / slow-header timeout per connection",
       {},
       {1, INT64_MAX}},
      {"body-timeout-ms",
       "LFKIT_BODY_TIMEOUT_MS",
       &Settings::body_timeout_ms,
       "300000",
       "time allowed to receive a request body",
       {},
       {1, INT64_MAX}},
      {"json-body-limit-mb",
       "LFKIT_JSON_BODY_LIMIT_MB",
       &Settings::json_body_limit_mb,
       "100",
       "size limit of non-upload request bodies in MB",
       {},
       {1, 1024 * 1024}},
      {"shutdown-grace-ms",
       "LFKIT_SHUTDOWN_GRACE_MS",
       &Settings::shutdown_grace_ms,
       "10000",
       "time in-flight requests get on shutdown",
       {},
       {0, INT64_MAX}},
      {"openai-api-base", "OPENAI_API_BASE", &Settings::openai_api_base, "unset",
       "OpenAI-compatible endpoint (e.g. http://127.0.0.1:8000/v1) the model components call, "
       "streaming; unset: a deterministic stand-in answers"},
      {"openai-api-key", "OPENAI_API_KEY", &Settings::openai_api_key, "unset",
       "API key sent to that endpoint (never to a component's own base URL) when a component "
       "has none; prefer the variable to the flag"},
      {"llm-timeout-ms",
       "LFKIT_LLM_TIMEOUT_MS",
       &Settings::llm_timeout_ms,
       "120000",
       "longest wait for the model endpoint (connect, or between two bytes)",
       {},
       {1, INT64_MAX}},
      {"env-file", "", &Settings::env_file, "unset",
       "read KEY=VALUE lines from this file into the environment first; its values win over "
       "the environment, flags still win over both"},
      {"list-operations", "", &Settings::list_operations, "false",
       "print the API operations that still answer 501 (no handler) and exit"},
      {"version", "", &Settings::show_version, "false",
       "print lfkit's version and commit and exit"},
      {"help", "", &Settings::show_help, "false", "print this help and exit"},
  };
  return table;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Stores `text` into the option's field; errors are prefixed with `source`.
lfkit::Expected<void, std::string> assign(Settings& s, const Option& o, std::string_view text,
                                          const std::string& source) {
  if (auto* str = std::get_if<std::string Settings::*>(&o.field)) {
    if (!o.choices.allowed.empty()) {
      auto it = std::find_if(o.choices.allowed.begin(), o.choices.allowed.end(),
                             [&](std::string_view c) { return lower(c) == lower(text); });
      if (it == o.choices.allowed.end()) {
        std::string list;
        for (auto c : o.choices.allowed) list += (list.empty() ? "" : ", ") + std::string(c);
        return lfkit::unexpected(source + ": expected one of " + list + ", got '" +
                                 std::string(text) + "'");
      }
      s.*(*str) = std::string(*it);
      return {};
    }
    s.*(*str) = std::string(text);
    return {};
  }
  if (auto* flag = std::get_if<bool Settings::*>(&o.field)) {
    auto value = parse_bool(text);
    if (!value) {
      return lfkit::unexpected(source +
                               ": expected a boolean (true/false, 1/0, yes/no, on/off), got '" +
                               std::string(text) + "'");
    }
    s.*(*flag) = *value;
    return {};
  }
  auto number = std::get<int64_t Settings::*>(o.field);
  int64_t value = 0;
  auto trimmed = text;
  while (!trimmed.empty() && trimmed.front() == ' ') trimmed.remove_prefix(1);
  while (!trimmed.empty() && trimmed.back() == ' ') trimmed.remove_suffix(1);
  auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (ec != std::errc() || end != trimmed.data() + trimmed.size() || trimmed.empty()) {
    return lfkit::unexpected(source + ": expected an integer, got '" + std::string(text) + "'");
  }
  if (value < o.range.min || value > o.range.max) {
    return lfkit::unexpected(source + ": " + std::to_string(value) + " is out of range [" +
                             std::to_string(o.range.min) + ", " + std::to_string(o.range.max) +
                             "]");
  }
  s.*number = value;
  return {};
}

const Option* find_flag(std::string_view name) {
  if (name.empty()) return nullptr;  // variable-only options have no flag
  for (const auto& o : options()) {
    if (o.flag == name) return &o;
  }
  return nullptr;
}

std::string default_config_dir(const EnvLookup& env) {
  if (auto xdg = env("XDG_CACHE_HOME"); xdg && !xdg->empty()) return *xdg + "/lfkit";
  if (auto home = env("HOME"); home && !home->empty()) return *home + "/.cache/lfkit";
  return ".lfkit";
}

// sqlite:///relative/path, sqlite:////absolute/path (SQLAlchemy URL forms).
lfkit::Expected<std::string, std::string> sqlite_path(const std::string& url,
                                                      const std::string& source) {
  for (std::string_view prefix : {"sqlite:///", "sqlite+aiosqlite:///"}) {
    if (url.rfind(prefix, 0) == 0) {
      std::string path = url.substr(prefix.size());
      if (path.empty()) return lfkit::unexpected(source + ": the sqlite URL has no path");
      return path;
    }
  }
  if (url.rfind("postgres", 0) == 0) {
    return lfkit::unexpected(source +
                             ": PostgreSQL is not supported in this build; use sqlite:///path");
  }
  return lfkit::unexpected(source + ": unsupported database URL '" + url + "'; use sqlite:///path");
}

}  // namespace

std::optional<bool> parse_bool(std::string_view text) {
  std::string t = lower(text);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(0, 1);
  if (t == "1" || t == "true" || t == "t" || t == "yes" || t == "y" || t == "on") return true;
  if (t == "0" || t == "false" || t == "f" || t == "no" || t == "n" || t == "off") return false;
  return std::nullopt;
}

EnvLookup process_env() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* v = std::getenv(std::string(name).c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

lfkit::Expected<Settings, std::string> load_settings(const std::vector<std::string>& args,
                                                     const EnvLookup& env) {
  Settings s;
  std::string database_source = "LANGFLOW_DATABASE_URL";
  for (const auto& o : options()) {
    if (o.env.empty()) continue;
    if (auto value = env(o.env)) {
      if (auto ok = assign(s, o, *value, std::string(o.env)); !ok)
        return lfkit::unexpected(ok.error());
    }
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-h") {
      s.show_help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0)
      return lfkit::unexpected("unexpected argument '" + arg + "' (see --help)");
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const Option* o = find_flag(name);
    bool negated = false;
    if (!o && name.rfind("no-", 0) == 0) {
      o = find_flag(name.substr(3));
      negated = o && std::holds_alternative<bool Settings::*>(o->field);
      if (!negated) o = nullptr;
    }
    if (!o) return lfkit::unexpected("unknown option '--" + name + "' (see --help)");
    const std::string source = "--" + std::string(o->flag);
    if (std::holds_alternative<bool Settings::*>(o->field) && !value) {
      value = negated ? "false" : "true";  // --flag / --no-flag
    } else if (negated) {
      return lfkit::unexpected("--no-" + std::string(o->flag) + " takes no value");
    } else if (!value) {
      if (i + 1 >= args.size()) return lfkit::unexpected(source + ": missing value");
      value = args[++i];
    }
    if (auto ok = assign(s, *o, *value, source); !ok) return lfkit::unexpected(ok.error());
    if (o->flag == "database-url") database_source = source;
  }
  if (!s.openai_api_base.empty() && !s.openai_api_base.starts_with("http://") &&
      !s.openai_api_base.starts_with("https://"))
    return lfkit::unexpected("OPENAI_API_BASE (--openai-api-base) '" + s.openai_api_base +
                             "' must start with http:// or https://");
  if (s.config_dir.empty()) s.config_dir = default_config_dir(env);
  if (s.database_url.empty()) s.database_url = "sqlite:///" + s.config_dir + "/langflow.db";
  auto path = sqlite_path(s.database_url, database_source);
  if (!path) return lfkit::unexpected(path.error());
  s.database_path = *path;
  return s;
}

lfkit::Expected<Settings, std::string> load_settings(int argc, const char* const* argv,
                                                     const EnvLookup& env) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return load_settings(args, env);
}

std::optional<std::string> env_file_argument(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--env-file" && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with("--env-file=")) return args[i].substr(11);
  }
  return std::nullopt;
}

lfkit::Expected<std::vector<std::pair<std::string, std::string>>, std::string> read_env_file(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return lfkit::unexpected("--env-file: cannot read '" + path + "'");
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    auto trim = [](std::string t) {
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
      while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.erase(0, 1);
      return t;
    };
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line = trim(line.substr(7));
    const size_t eq = line.find('=');
    std::string key = eq == std::string::npos ? "" : trim(line.substr(0, eq));
    if (key.empty() || key.find_first_of(" \t\"'") != std::string::npos) {
      return lfkit::unexpected("--env-file " + path + ":" + std::to_string(number) +
                               ": expected KEY=VALUE");
    }
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (auto hash = value.find(" #"); hash != std::string::npos) {
      value = trim(value.substr(0, hash));  // an unquoted value ends at a comment
    }
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

std::string help_text() {
  std::string out =
      "Usage: lfkit-server [options]\n"
      "A Langflow-compatible REST API server. Every option can also be set by its\n"
      "environment variable; command-line flags win. Boolean flags accept --name,\n"
      "--no-name or --name=<true|false|1|0|yes|no|on|off>.\n\nOptions:\n";
  for (const auto& o : options()) {
    if (o.flag.empty()) {
      out += "  " + std::string(o.env) + " (variable only)";
    } else {
      out += "  --" + std::string(o.flag);
      if (!std::holds_alternative<bool Settings::*>(o.field)) out += " <value>";
    }
    out += "\n      " + std::string(o.help) + ".";
    if (!o.env.empty() && !o.flag.empty()) out += " Env: " + std::string(o.env) + ".";
    out += " Default: " + std::string(o.default_text) + ".\n";
  }
  out +=
      "\nOutput: start-up messages and one JSON access-log line per request go to\n"
      "stderr (access lines are written in batches, within 100 ms).\n";
  return out;
}

}  // namespace lfkit::config
