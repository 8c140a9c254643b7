// Flows tag: CRUD, batch, upload/download, public and example flows.
#pragma once

#include <memory>

#include "handlers/flows/flow_response_cache.hpp"
#include "handlers/flows/flow_service.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::flows {

class FlowsHandlers : public api::FlowsHandlers {
 public:
  explicit FlowsHandlers(std::shared_ptr<const api::Services> services)
      : service_(std::move(services)) {}

  void read_flows(api::Context& ctx, const api::req::read_flows& request) override;
  void create_flow(api::Context& ctx, const api::req::create_flow& request) override;
  void delete_multiple_flows(api::Context& ctx,
                             const api::req::delete_multiple_flows& request) override;
  void read_basic_examples(api::Context& ctx,
                           const api::req::read_basic_examples& request) override;
  void create_flows(api::Context& ctx, const api::req::create_flows& request) override;
  void download_multiple_file(api::Context& ctx,
                              const api::req::download_multiple_file& request) override;
  void read_public_flow(api::Context& ctx, const api::req::read_public_flow& request) override;
  void upload_flows(api::Context& ctx, const api::req::upload_flows& request) override;
  void read_flow(api::Context& ctx, const api::req::read_flow& request) override;
  void upsert_flow(api::Context& ctx, const api::req::upsert_flow& request) override;
  void update_flow(api::Context& ctx, const api::req::update_flow& request) override;
  void delete_flow(api::Context& ctx, const api::req::delete_flow& request) override;
  void get_note_translations(api::Context& ctx,
                             const api::req::get_note_translations& request) override;
  void get_starter_projects(api::Context& ctx,
                            const api::req::get_starter_projects& request) override;

 private:
  // The caller's flow, or (with AUTO_LOGIN) a shared example flow.
  std::optional<store::Flow> readable_flow(const api::Context& ctx, const std::string& id) const;
  std::optional<std::string> starter_folder_id() const;
  FlowService service_;
  FlowResponseCache list_cache_;  // get_all responses
  FlowResponseCache read_cache_;  // read_flow responses
};

}  // namespace lfkit::handlers::flows
