#include "handlers/components_store/components_store_handlers.hpp"

#include "api/context.hpp"

namespace lfkit::handlers {
namespace {

// What upstream's HTTP client reports when the store cannot be reached.
constexpr std::string_view kUnreachable = "All connection attempts failed";

}  // namespace

std::optional<bool> ComponentsStoreHandlers::has_store_key(api::Context& ctx) {
  auto user = services_->store->get_user(ctx.caller()->user_id);
  if (!user) {
    ctx.respond_detail(500, user.error().message);
    return std::nullopt;
  }
  return user->store_api_key.has_value() && !user->store_api_key->empty();
}

bool ComponentsStoreHandlers::require_store_key(api::Context& ctx) {
  auto has = has_store_key(ctx);
  if (!has) return false;
  if (!*has) ctx.respond_detail(400, "You must have a store API key set.");
  return *has;
}

void ComponentsStoreHandlers::check_if_store_is_enabled(
    api::Context& ctx, const api::req::check_if_store_is_enabled&) {
  ctx.respond_json(200, {{"enabled", true}});
}

void ComponentsStoreHandlers::check_if_store_has_api_key(
    api::Context& ctx, const api::req::check_if_store_has_api_key&) {
  auto has = has_store_key(ctx);
  if (!has) return;
  if (!*has) return ctx.respond_json(200, {{"has_api_key", false}, {"is_valid", false}});
  // Validating the key needs the remote store.
  ctx.respond_detail(400, "Unexpected error: " + std::string(kUnreachable));
}

void ComponentsStoreHandlers::get_components(api::Context& ctx,
                                             const api::req::get_components& request) {
  auto has = has_store_key(ctx);
  if (!has) return;
  if (*has) {
    // Upstream first fetches the key's user from the store.
    return ctx.respond_detail(500, kUnreachable);
  }
  if (request.liked) {
    return ctx.respond_detail(400, "You must provide an API key to filter by likes");
  }
  if (request.filter_by_user) {
    return ctx.respond_detail(400, "You must provide an API key to filter your components");
  }
  ctx.respond_detail(500, "Unexpected error: " + std::string(kUnreachable));
}

void ComponentsStoreHandlers::share_component(api::Context& ctx, const api::req::share_component&) {
  if (!require_store_key(ctx)) return;
  ctx.respond_detail(400, "Upload failed: " + std::string(kUnreachable));
}

void ComponentsStoreHandlers::update_shared_component(api::Context& ctx,
                                                      const api::req::update_shared_component&) {
  if (!require_store_key(ctx)) return;
  ctx.respond_detail(400, "Upload failed: " + std::string(kUnreachable));
}

void ComponentsStoreHandlers::download_component(api::Context& ctx,
                                                 const api::req::download_component&) {
  if (!require_store_key(ctx)) return;
  ctx.respond_detail(500, kUnreachable);
}

void ComponentsStoreHandlers::get_tags(api::Context& ctx, const api::req::get_tags&) {
  ctx.respond_detail(500, kUnreachable);
}

void ComponentsStoreHandlers::get_list_of_components_liked_by_user(
    api::Context& ctx, const api::req::get_list_of_components_liked_by_user&) {
  if (!require_store_key(ctx)) return;
  ctx.respond_detail(500, kUnreachable);
}

void ComponentsStoreHandlers::like_component(api::Context& ctx, const api::req::like_component&) {
  if (!require_store_key(ctx)) return;
  ctx.respond_detail(500, kUnreachable);
}

}  // namespace lfkit::handlers
