// Monitor tag: the caller's stored messages and sessions (also those of flows
// shared with them, kept under a per-user virtual flow id), vertex builds and
// transactions. Another user's rows behave like missing ones. Superusers also
// read the job queue metrics of the server's job manager.
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "jobs/job_manager.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class MonitorHandlers : public api::MonitorHandlers {
 public:
  explicit MonitorHandlers(std::shared_ptr<const api::Services> services,
                           std::shared_ptr<jobs::JobManager> jobs = nullptr)
      : services_(std::move(services)), jobs_(std::move(jobs)) {}

  // runs.cpp
  void get_vertex_builds(api::Context& ctx, const api::req::get_vertex_builds& request) override;
  void delete_vertex_builds(api::Context& ctx,
                            const api::req::delete_vertex_builds& request) override;
  void get_job_queue_metrics(api::Context& ctx,
                             const api::req::get_job_queue_metrics& request) override;
  void get_transactions(api::Context& ctx, const api::req::get_transactions& request) override;
  // messages.cpp
  void get_messages(api::Context& ctx, const api::req::get_messages& request) override;
  void delete_messages(api::Context& ctx, const api::req::delete_messages& request) override;
  void update_message(api::Context& ctx, const api::req::update_message& request) override;
  void update_session_id(api::Context& ctx, const api::req::update_session_id& request) override;
  void delete_messages_session(api::Context& ctx,
                               const api::req::delete_messages_session& request) override;
  void get_message_sessions(api::Context& ctx,
                            const api::req::get_message_sessions& request) override;
  void delete_messages_sessions(api::Context& ctx,
                                const api::req::delete_messages_sessions& request) override;
  // shared_messages.cpp
  void get_shared_messages(api::Context& ctx,
                           const api::req::get_shared_messages& request) override;
  void rename_shared_session(api::Context& ctx,
                             const api::req::rename_shared_session& request) override;
  void delete_shared_messages_session(
      api::Context& ctx, const api::req::delete_shared_messages_session& request) override;
  void get_shared_message_sessions(api::Context& ctx,
                                   const api::req::get_shared_message_sessions& request) override;
  void update_shared_message(api::Context& ctx,
                             const api::req::update_shared_message& request) override;

 private:
  // True when the flow exists and is the caller's (upstream's owner-scoped lookup).
  bool owns_flow(const std::string& user_id, const std::string& flow_id);
  std::shared_ptr<const api::Services> services_;
  std::shared_ptr<jobs::JobManager> jobs_;
};

}  // namespace lfkit::handlers
