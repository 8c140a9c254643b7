#include "handlers/api_key_handlers.hpp"

#include "api/context.hpp"
#include "auth/api_key.hpp"
#include "http/cookies.hpp"

namespace lfkit::handlers {
namespace {

// ApiKeyRead with `shown` in the api_key field (full on create, masked when listing).
nlohmann::json key_json(const store::ApiKey& k, const std::string& shown) {
  return {{"id", k.id},
          {"name", k.name ? nlohmann::json(*k.name) : nlohmann::json(nullptr)},
          {"api_key", shown},
          {"user_id", k.user_id},
          {"created_at", iso_utc_micros(k.created_at)},
          {"last_used_at", k.last_used_at ? nlohmann::json(iso_utc_micros(*k.last_used_at))
                                          : nlohmann::json(nullptr)},
          {"total_uses", k.total_uses},
          {"is_active", k.is_active}};
}

}  // namespace

void ApiKeyHandlers::get_api_keys(api::Context& ctx, const api::req::get_api_keys&) {
  const std::string& user_id = ctx.caller()->user_id;
  auto keys = services_->store->list_api_keys(user_id);
  if (!keys) {
    ctx.respond_detail(400, keys.error().message);
    return;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& k : *keys) list.push_back(key_json(k, k.masked_key));
  ctx.respond_json(200, {{"total_count", keys->size()}, {"user_id", user_id}, {"api_keys", list}});
}

void ApiKeyHandlers::create_api_key(api::Context& ctx, const api::req::create_api_key& request) {
  const std::string full = auth::generate_api_key();
  store::ApiKey key;
  key.name = request.body.name;
  key.key_hash = auth::hash_api_key(full);
  key.masked_key = auth::mask_api_key(full);
  key.user_id = ctx.caller()->user_id;
  key.is_active = request.body.is_active;
  auto created = services_->store->create_api_key(std::move(key));
  if (!created) {
    ctx.respond_detail(400, created.error().message);
    return;
  }
  ctx.respond_json(200, key_json(*created, full));
}

void ApiKeyHandlers::delete_api_key(api::Context& ctx, const api::req::delete_api_key& request) {
  const std::string id = request.api_key_id;
  if (!services_->store->delete_api_key(ctx.caller()->user_id, id)) {
    ctx.respond_detail(400, "API Key not found");
    return;
  }
  ctx.respond_json(200, {{"detail", "API Key deleted"}});
}

// Keeps the user's Langflow Store key encrypted and mirrors it into a cookie.
void ApiKeyHandlers::save_store_api_key(api::Context& ctx,
                                        const api::req::save_store_api_key& request) {
  if (!request.body.api_key || request.body.api_key->empty()) {
    ctx.respond_detail(400, "API Key is required");
    return;
  }
  auto user = services_->store->get_user(ctx.caller()->user_id);
  if (!user) {
    ctx.respond_detail(400, "User not found");
    return;
  }
  user->store_api_key = services_->box.encrypt(*request.body.api_key);
  if (auto saved = services_->store->update_user(*user); !saved) {
    ctx.respond_detail(400, saved.error().message);
    return;
  }
  const auto& s = services_->settings;
  http::SetCookie cookie;
  cookie.name = "apikey_tkn_lflw";
  cookie.value = *request.body.api_key;
  cookie.http_only = s.access_httponly;
  cookie.same_site = s.access_same_site;
  cookie.secure = s.access_secure;
  if (!s.cookie_domain.empty()) cookie.domain = s.cookie_domain;
  http::Response r = http::json_response(200, nlohmann::json{{"detail", "API Key saved"}}.dump());
  r.headers.add("set-cookie", http::build_set_cookie(cookie));
  ctx.respond(std::move(r));
}

}  // namespace lfkit::handlers
