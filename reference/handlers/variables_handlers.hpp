// Variables tag: the user's global variables. Values are encrypted at rest;
// Credential values are only ever returned encrypted.
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class VariablesHandlers : public api::VariablesHandlers {
 public:
  explicit VariablesHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void read_variables(api::Context& ctx, const api::req::read_variables& request) override;
  void create_variable(api::Context& ctx, const api::req::create_variable& request) override;
  void update_variable(api::Context& ctx, const api::req::update_variable& request) override;
  void delete_variable(api::Context& ctx, const api::req::delete_variable& request) override;

 private:
  nlohmann::json variable_json(const store::Variable& v) const;
  std::shared_ptr<const api::Services> services_;
};

}  // namespace lfkit::handlers
