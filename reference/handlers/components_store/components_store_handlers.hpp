// Components Store tag, answered as Langflow answers with its default settings
// (store enabled, store URL https://api.langflow.store) when that remote store
// cannot be reached: this server never calls out, so every operation that would
// need the remote store fails the way upstream's HTTP client does, after the
// same local checks (store API key present, like/user filters).
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class ComponentsStoreHandlers : public api::ComponentsstoreHandlers {
 public:
  explicit ComponentsStoreHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void check_if_store_is_enabled(api::Context& ctx,
                                 const api::req::check_if_store_is_enabled& request) override;
  void check_if_store_has_api_key(api::Context& ctx,
                                  const api::req::check_if_store_has_api_key& request) override;
  void get_components(api::Context& ctx, const api::req::get_components& request) override;
  void share_component(api::Context& ctx, const api::req::share_component& request) override;
  void download_component(api::Context& ctx, const api::req::download_component& request) override;
  void update_shared_component(api::Context& ctx,
                               const api::req::update_shared_component& request) override;
  void get_tags(api::Context& ctx, const api::req::get_tags& request) override;
  void get_list_of_components_liked_by_user(
      api::Context& ctx, const api::req::get_list_of_components_liked_by_user& request) override;
  void like_component(api::Context& ctx, const api::req::like_component& request) override;

 private:
  // Whether the caller has saved a store API key; nullopt after answering 500.
  std::optional<bool> has_store_key(api::Context& ctx);
  // Upstream's get_user_store_api_key dependency: 400 when no key is saved.
  bool require_store_key(api::Context& ctx);

  std::shared_ptr<const api::Services> services_;
};

}  // namespace lfkit::handlers
