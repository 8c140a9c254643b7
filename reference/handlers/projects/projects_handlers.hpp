// Projects tag: the user's projects (folders) and the flows inside them.
#pragma once

#include <memory>

#include "handlers/flows/flow_service.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::projects {

class ProjectsHandlers : public api::ProjectsHandlers {
 public:
  explicit ProjectsHandlers(std::shared_ptr<const api::Services> services)
      : service_(std::move(services)) {}

  void read_projects(api::Context& ctx, const api::req::read_projects& request) override;
  void create_project(api::Context& ctx, const api::req::create_project& request) override;
  void download_project(api::Context& ctx, const api::req::download_project& request) override;
  void upload_project(api::Context& ctx, const api::req::upload_project& request) override;
  void read_project(api::Context& ctx, const api::req::read_project& request) override;
  void delete_project(api::Context& ctx, const api::req::delete_project& request) override;
  void update_project(api::Context& ctx, const api::req::update_project& request) override;

 private:
  // A new project of the caller named `name` (or "name (N)"), with upstream's
  // default MCP auth when AUTO_LOGIN is off.
  flows::Outcome<store::Folder> create_unique(const api::Context& ctx, const std::string& name,
                                              store::OptString description,
                                              const nlohmann::json& auth_settings) const;
  flows::FlowService service_;
};

}  // namespace lfkit::handlers::projects
