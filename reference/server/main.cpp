// lfkit-server: the Langflow-compatible reference server.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "api/app.hpp"
#include "api/auth_services.hpp"
#include "config/settings.hpp"
#include "handlers/mount.hpp"
#include "http/access_log.hpp"
#include "http/cors.hpp"
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
lfkit::http::AccessLogSink access_log(std::shared_ptr<lfkit::http::LogBuffer> logs) {
  auto to_stderr = lfkit::http::stderr_access_log();
  return [to_stderr, logs = std::move(logs)](const lfkit::http::AccessLogEntry& entry) {
    to_stderr(entry);
    if (logs->enabled()) logs->write(lfkit::http::format_access_log(entry));
  };
}

void print_unimplemented(std::ostream& out, const lfkit::api::HandlerSet& handlers) {
  auto missing = lfkit::api::unimplemented_operations(handlers);
  for (auto op : lfkit::handlers::kDeclinedOperations) {
    if (std::find(missing.begin(), missing.end(), op) == missing.end()) missing.push_back(op);
  }
  std::sort(missing.begin(), missing.end());
  out << missing.size() << " of " << lfkit::api::kOperationCount
      << " operations have no handler yet" << (missing.empty() ? "" : ":") << "\n";
  for (auto op : missing) {
    const auto& i = lfkit::api::info(op);
    out << "  " << i.operation_id << "  " << lfkit::api::method_name(i.method) << " " << i.path
        << "\n";
  }
}

lfkit::http::ServerOptions server_options(const lfkit::config::Settings& s,
                                          std::shared_ptr<lfkit::http::LogBuffer> logs) {
  lfkit::http::ServerOptions o;
  o.host = s.host;
  o.port = static_cast<uint16_t>(s.port);
  o.threads = static_cast<unsigned>(s.workers);
  o.header_timeout = std::chrono::milliseconds(s.header_timeout_ms);
  o.body_timeout = std::chrono::milliseconds(s.body_timeout_ms);
  o.shutdown_grace = std::chrono::milliseconds(s.shutdown_grace_ms);
  o.cors.allow_origins = lfkit::http::parse_cors_origins(s.cors_origins);
  o.cors.allow_credentials = s.cors_allow_credentials;
  o.access_log = access_log(std::move(logs));
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

int main(int argc, char** argv) {
  auto settings = lfkit::config::load_settings(argc, argv);
  if (!settings) {
    std::cerr << "lfkit-server: " << settings.error() << "\nRun lfkit-server --help for usage.\n";
    return 2;
  }
  if (settings->show_help) {
    std::cout << lfkit::config::help_text();
    return 0;
  }
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
  auto logs = std::make_shared<lfkit::http::LogBuffer>(
      settings->enable_log_retrieval ? static_cast<size_t>(settings->log_retriever_buffer_size)
                                     : 0);
  // Declared before the app so it outlives the handlers that run on it.
  auto jobs = lfkit::handlers::make_job_manager();
  lfkit::api::App app(*settings, mount_handlers({*services, logs, jobs}), *services);
  lfkit::http::Server server(
      server_options(*settings, logs),
      [&app](std::shared_ptr<lfkit::http::Exchange> ex) { app.handle(std::move(ex)); });
  if (auto started = server.start(); !started) {
    std::cerr << "lfkit-server: " << started.error() << "\n";
    return 1;
  }
  server.stop_on_signals();
  print_unimplemented(std::cerr, app.handlers());
  std::cerr << "lfkit-server: listening on http://" << settings->host << ":" << server.port()
            << " (config dir " << settings->config_dir << ")" << std::endl;
  server.wait();
  jobs->shutdown();  // before the transport's io_contexts are destroyed with `server`
  std::cerr << "lfkit-server: stopped\n";
  return 0;
}
