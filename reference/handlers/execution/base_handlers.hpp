// Base tag: /run (plain, streaming, advanced, session), /webhook, /version, /config,
// /all, the deprecated /upload, /process, /predict, /task, and the custom component
// routes (which need Python: answered as upstream answers a component it cannot build).
#pragma once

#include "handlers/execution/execution_runtime.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::execution {

class BaseHandlers final : public api::BaseHandlers {
 public:
  BaseHandlers(Runtime runtime, std::shared_ptr<jobs::JobManager> owner)
      : runtime_(std::move(runtime)), owner_(std::move(owner)) {}

  void get_all(api::Context& ctx, const api::req::get_all& request) override;
  void get_config(api::Context& ctx, const api::req::get_config& request) override;
  void custom_component(api::Context& ctx, const api::req::custom_component& request) override;
  void custom_component_update(api::Context& ctx,
                               const api::req::custom_component_update& request) override;
  void predict(api::Context& ctx, const api::req::predict& request) override;
  void process(api::Context& ctx, const api::req::process& request) override;
  void experimental_run_flow(api::Context& ctx,
                             const api::req::experimental_run_flow& request) override;
  void run_flow_session(api::Context& ctx, const api::req::run_flow_session& request) override;
  void simplified_run_flow(api::Context& ctx,
                           const api::req::simplified_run_flow& request) override;
  void get_task_status(api::Context& ctx, const api::req::get_task_status& request) override;
  void create_upload_file(api::Context& ctx, const api::req::create_upload_file& request) override;
  void get_version(api::Context& ctx, const api::req::get_version& request) override;
  void webhook_run_flow(api::Context& ctx, const api::req::webhook_run_flow& request) override;

 private:
  void run_simplified(api::Context& ctx, const std::string& flow_id_or_name, bool stream,
                      const nlohmann::json& body);

  Runtime runtime_;
  std::shared_ptr<jobs::JobManager> owner_;  // keeps runtime_.jobs alive
};

}  // namespace lfkit::handlers::execution
