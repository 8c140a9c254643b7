// One mount function per handler module: each fills the HandlerSet members of
// the tag groups it implements; groups nobody mounts answer 501.
#pragma once

#include <array>
#include <memory>

#include "api/auth_services.hpp"
#include "http/log_buffer.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::jobs {
class JobManager;
}

namespace lfkit::handlers {

struct MountContext {
  // Null only for --list-operations, which opens nothing: handlers are built
  // but never called.
  std::shared_ptr<const api::Services> services;
  // The server's own log ring (disabled unless LANGFLOW_ENABLE_LOG_RETRIEVAL).
  std::shared_ptr<http::LogBuffer> logs;
  // The process-wide run pools and /build job registry: the execution module runs
  // on it, the monitor module reports on it (job_queue). Null when `services` is.
  std::shared_ptr<jobs::JobManager> jobs = nullptr;
};

// Health Check, Login, Users, APIKey, Variables (the flat files beside this header).
void mount_core(api::HandlerSet& set, const MountContext& context);
// Flows and Flow Events.
void mount_flows(api::HandlerSet& set, const MountContext& context);
// Projects and the legacy Folders alias.
void mount_projects(api::HandlerSet& set, const MountContext& context);
// Files v1 (per flow), v2 (per user) and profile pictures.
void mount_files(api::HandlerSet& set, const MountContext& context);
// Monitor (messages, sessions, builds, transactions) and Traces.
void mount_monitor(api::HandlerSet& set, const MountContext& context);
// Components Store (as upstream answers with no store configured).
void mount_components_store(api::HandlerSet& set, const MountContext& context);
// Log retrieval (/logs, /logs-stream).
void mount_logs(api::HandlerSet& set, const MountContext& context);
// Flow execution: Base (run, webhook, version, config, all, ...), Chat (build), Workflow, OpenAI
// Responses, Validate.
void mount_execution(api::HandlerSet& set, const MountContext& context);

// Operations of mounted groups whose handlers still answer 501 ("not implemented"),
// so --list-operations stays true. None today; a std::array so the list may be empty.
inline constexpr std::array<api::Op, 0> kDeclinedOperations{};

// The job manager a server runs on: bounded pools sized for this machine (defined
// with the execution module).
std::shared_ptr<jobs::JobManager> make_job_manager();

// All of the above. A context with services but no job manager gets its own.
inline void mount_all(api::HandlerSet& set, MountContext context) {
  if (context.services && !context.jobs) context.jobs = make_job_manager();
  mount_core(set, context);
  mount_flows(set, context);
  mount_projects(set, context);
  mount_files(set, context);
  mount_monitor(set, context);
  mount_components_store(set, context);
  mount_logs(set, context);
  mount_execution(set, context);
}

}  // namespace lfkit::handlers
