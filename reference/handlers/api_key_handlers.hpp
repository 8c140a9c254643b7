// APIKey tag (SEMANTICS §1.6): per-user "sk-" keys (shown in full once, masked
// when listed) and the encrypted Langflow Store key.
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class ApiKeyHandlers : public api::ApikeyHandlers {
 public:
  explicit ApiKeyHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void get_api_keys(api::Context& ctx, const api::req::get_api_keys& request) override;
  void create_api_key(api::Context& ctx, const api::req::create_api_key& request) override;
  void save_store_api_key(api::Context& ctx, const api::req::save_store_api_key& request) override;
  void delete_api_key(api::Context& ctx, const api::req::delete_api_key& request) override;

 private:
  std::shared_ptr<const api::Services> services_;
};

}  // namespace lfkit::handlers
