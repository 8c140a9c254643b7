// lfkit-server: the Langflow-compatible reference server.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "api/app.hpp"
#include "api/auth_services.hpp"
#include "api/error_log.hpp"
#include "config/build_info.hpp"
#include "config/settings.hpp"
#include "handlers/mount.hpp"
#include "http/access_log.hpp"
#include "http/cors.hpp"
#include "http/redact.hpp"
#include "http/server.hpp"
#include "jobs/job_manager.hpp"

namespace {

constexpr uint64_t kMiB = 1024 * 1024;

lfkit::api::HandlerSet mount_handlers(const lfkit::handlers::MountContext& context) {
  lfkit::api::HandlerSet set;
  lfkit::handlers::mount_all(set, context);
  return set;
}

// Access-log lines go to stderr and, when log retrieval is on, to the ring
// that /logs and /logs-stream serve.
// With LANGFLOW_LOG_FILE they are also appended to that file.
lfkit::http::AccessLogSink access_log(std::shared_ptr<lfkit::http::LogBuffer> logs,
                                      std::FILE* log_file) {
  auto to_stderr = lfkit::http::stderr_access_log();
  lfkit::http::AccessLogSink to_file;
  if (log_file) to_file = lfkit::http::file_access_log(log_file);
  return [to_stderr, to_file, logs = std::move(logs)](const lfkit::http::AccessLogEntry& entry) {
    to_stderr(entry);
    if (to_file) to_file(entry);
    if (logs->enabled()) logs->write(lfkit::http::format_access_log(entry));
  };
}

std::vector<lfkit::api::Op> unimplemented(const lfkit::api::HandlerSet& handlers) {
  auto missing = lfkit::api::unimplemented_operations(handlers);
  for (auto op : lfkit::handlers::kDeclinedOperations) {
    if (std::find(missing.begin(), missing.end(), op) == missing.end()) missing.push_back(op);
  }
  std::sort(missing.begin(), missing.end());
  return missing;
}

// --list-operations: the count, then one "  operation_id  METHOD path" line per operation
// (conformance/run_against_server.sh reads this format).
void print_unimplemented(std::ostream& out, const lfkit::api::HandlerSet& handlers) {
  const auto missing = unimplemented(handlers);
  out << missing.size() << " of " << lfkit::api::kOperationCount
      << " operations have no handler yet" << (missing.empty() ? "" : ":") << "\n";
  for (auto op : missing) {
    const auto& i = lfkit::api::info(op);
    out << "  " << i.operation_id << "  " << lfkit::api::method_name(i.method) << " " << i.path
        << "\n";
  }
}

// Which answers a model component: the stand-in or the configured endpoint.
std::string model_backend(const lfkit::config::Settings& s) {
  if (s.openai_api_base.empty()) {
    return "models: the deterministic stand-in answers (\"Echo: <input>\"); set "
           "OPENAI_API_BASE for a real endpoint";
  }
  return "models: OpenAI-compatible endpoint " + lfkit::http::redact_secrets(s.openai_api_base) +
         (s.openai_api_key.empty() ? " (no server API key)" : " (server API key set)");
}

// The access log and start-up lines are INFO: shown at DEBUG and INFO only.
bool info_enabled(const lfkit::config::Settings& s) {
  return s.log_level == "DEBUG" || s.log_level == "INFO";
}

lfkit::http::ServerOptions server_options(const lfkit::config::Settings& s,
                                          std::shared_ptr<lfkit::http::LogBuffer> logs,
                                          std::FILE* access_log_file) {
  lfkit::http::ServerOptions o;
  o.host = s.host;
  o.port = static_cast<uint16_t>(s.port);
  o.threads = static_cast<unsigned>(s.workers);
  o.header_timeout = std::chrono::milliseconds(s.header_timeout_ms);
  o.body_timeout = std::chrono::milliseconds(s.body_timeout_ms);
  o.shutdown_grace = std::chrono::milliseconds(s.shutdown_grace_ms);
  o.cors.allow_origins = lfkit::http::parse_cors_origins(s.cors_origins);
  o.cors.allow_credentials = s.cors_allow_credentials;
  if (info_enabled(s)) {
    o.access_log = access_log(std::move(logs), access_log_file);
  } else if (access_log_file) {
    std::fclose(access_log_file);
  }
  const uint64_t upload_limit = static_cast<uint64_t>(s.max_file_size_upload) * kMiB;
  const uint64_t json_limit = static_cast<uint64_t>(s.json_body_limit_mb) * kMiB;
  o.body_limit = [upload_limit, json_limit,
                  mb = s.max_file_size_upload](const lfkit::http::Request& head) {
    auto type = head.headers.find("content-type").value_or("");
    if (type.find("multipart/form-data") != std::string_view::npos) {
      return lfkit::http::BodyLimit{
          upload_limit,
          "File size is larger than the maximum file size " + std::to_string(mb) + "MB."};
    }
    return lfkit::http::BodyLimit{json_limit, "Request body is too large"};
  };
  return o;
}

}  // namespace

// --env-file: its variables enter the process environment before the settings are read, so
// everything that reads the environment (settings, LANGFLOW_FALLBACK_TO_ENV_VAR) sees them.
bool apply_env_file(int argc, char** argv) {
  auto path = lfkit::config::env_file_argument(std::vector<std::string>(argv + 1, argv + argc));
  if (!path) return true;
  auto vars = lfkit::config::read_env_file(*path);
  if (!vars) {
    std::cerr << "lfkit-server: " << vars.error() << "\n";
    return false;
  }
  for (const auto& [key, value] : *vars) ::setenv(key.c_str(), value.c_str(), 1);  // no threads yet
  return true;
}

int main(int argc, char** argv) {
  if (!apply_env_file(argc, argv)) return 2;
  auto settings = lfkit::config::load_settings(argc, argv);
  if (!settings) {
    std::cerr << "lfkit-server: " << settings.error() << "\nRun lfkit-server --help for usage.\n";
    return 2;
  }
  if (settings->show_help) {
    std::cout << lfkit::config::help_text();
    return 0;
  }
  if (settings->show_version) {
    std::cout << "lfkit-server " << lfkit::config::lfkit_version_line() << "\n";
    return 0;
  }
  lfkit::api::set_error_log_enabled(settings->log_level != "CRITICAL");
  if (settings->list_operations) {
    print_unimplemented(std::cout, mount_handlers({}));
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(settings->config_dir, ec);
  if (ec) {
    std::cerr << "lfkit-server: cannot create config dir " << settings->config_dir << ": "
              << ec.message() << "\n";
    return 1;
  }

  auto services = lfkit::api::open_services(*settings);
  if (!services) {
    std::cerr << "lfkit-server: " << services.error() << "\n";
    return 1;
  }
  // LANGFLOW_LOG_FILE: one handle for error lines (kept to the end), one for the access log.
  std::FILE* error_log_file = nullptr;
  std::FILE* access_log_file = nullptr;
  if (!settings->log_file.empty()) {
    error_log_file = std::fopen(settings->log_file.c_str(), "a");
    access_log_file = std::fopen(settings->log_file.c_str(), "a");
    if (!error_log_file || !access_log_file) {
      std::cerr << "lfkit-server: LANGFLOW_LOG_FILE (--log-file): cannot open "
                << settings->log_file << " for appending\n";
      return 1;
    }
    lfkit::api::set_error_log_file(error_log_file);
  }
  auto logs = std::make_shared<lfkit::http::LogBuffer>(
      settings->enable_log_retrieval ? static_cast<size_t>(settings->log_retriever_buffer_size)
                                     : 0);
  // Declared before the app so it outlives the handlers that run on it.
  auto jobs = lfkit::handlers::make_job_manager();
  lfkit::api::App app(*settings, mount_handlers({*services, logs, jobs}), *services);
  lfkit::http::Server server(
      server_options(*settings, logs, access_log_file),
      [&app](std::shared_ptr<lfkit::http::Exchange> ex) { app.handle(std::move(ex)); });
  if (auto started = server.start(); !started) {
    std::cerr << "lfkit-server: " << started.error() << "\n";
    return 1;
  }
  server.stop_on_signals();
  if (info_enabled(*settings)) {
    std::cerr << "lfkit-server: " << model_backend(*settings) << "\n"
              << "lfkit-server: " << unimplemented(app.handlers()).size() << " of "
              << lfkit::api::kOperationCount
              << " operations answer 501 (no handler yet); lfkit-server --list-operations "
                 "lists them\n"
              << "lfkit-server: " << lfkit::config::lfkit_version_line() << " listening on http://"
              << settings->host << ":" << server.port() << " (config dir " << settings->config_dir
              << ", API docs at /docs)" << std::endl;
  }
  server.wait();
  jobs->shutdown();  // before the transport's io_contexts are destroyed with `server`
  if (error_log_file) {
    lfkit::api::set_error_log_file(nullptr);
    std::fclose(error_log_file);
  }
  std::cerr << "lfkit-server: stopped\n";
  return 0;
}
