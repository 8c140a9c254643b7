#include "handlers/users_handlers.hpp"

#include <filesystem>

#include "api/context.hpp"
#include "auth/password.hpp"
#include "lfkit/api/runtime.hpp"

namespace lfkit::handlers {
namespace {

nlohmann::json opt(const store::OptString& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json user_json(const store::User& u) {
  nlohmann::json optins = nullptr;
  if (u.optins_json) optins = nlohmann::json::parse(*u.optins_json, nullptr, false);
  if (optins.is_discarded()) optins = nullptr;
  return {{"id", u.id},
          {"username", u.username},
          {"profile_image", opt(u.profile_image)},
          {"store_api_key", opt(u.store_api_key)},
          {"is_active", u.is_active},
          {"is_superuser", u.is_superuser},
          {"create_at", iso_utc_micros(u.create_at)},
          {"updated_at", iso_utc_micros(u.updated_at)},
          {"last_login_at",
           u.last_login_at ? nlohmann::json(iso_utc_micros(*u.last_login_at)) : nullptr},
          {"optins", optins}};
}

void UsersHandlers::add_user(api::Context& ctx, const api::req::add_user& request) {
  // With sign-up off only an active superuser creates users (upstream's add_user).
  const auto& caller = ctx.caller();
  const bool superuser_caller = caller && caller->is_active && caller->is_superuser;
  if (!superuser_caller && !services_->settings.enable_signup) {
    ctx.respond_detail(403, "Public user registration is disabled.");
    return;
  }
  store::User user;
  user.username = request.body.username;
  user.password_hash = auth::hash_password(request.body.password);
  user.is_active = services_->settings.new_user_is_active;
  if (!request.body.optins.is_null()) user.optins_json = request.body.optins.dump();
  auto created = services_->store->create_user(std::move(user));
  if (!created) {
    ctx.respond_detail(400, created.error().code == store::StoreErrorCode::conflict
                                ? "This username is unavailable."
                                : created.error().message);
    return;
  }
  (void)api::ensure_default_folder(*services_, created->id);
  ctx.respond_json(201, user_json(*created));
}

void UsersHandlers::read_current_user(api::Context& ctx, const api::req::read_current_user&) {
  auto user = services_->store->get_user(ctx.caller()->user_id);
  if (!user) {
    ctx.respond_detail(404, "User not found");
    return;
  }
  ctx.respond_json(200, user_json(*user));
}

void UsersHandlers::read_all_users(api::Context& ctx, const api::req::read_all_users& request) {
  auto list =
      services_->store->list_users(request.skip, request.limit, request.search.value_or(""));
  if (!list) {
    ctx.respond_detail(500, list.error().message);
    return;
  }
  nlohmann::json users = nlohmann::json::array();
  for (const auto& u : list->users) users.push_back(user_json(u));
  ctx.respond_json(200, {{"total_count", list->total_count}, {"users", users}});
}

void UsersHandlers::patch_user(api::Context& ctx, const api::req::patch_user& request) {
  const api::Caller& caller = *ctx.caller();
  const std::string user_id = request.user_id;
  const auto& update = request.body;
  if (!caller.is_superuser && (update.is_superuser.value_or(false) || user_id != caller.user_id)) {
    ctx.respond_detail(403, "Permission denied");
    return;
  }
  if (user_id == caller.user_id && update.is_active == false) {
    ctx.respond_detail(403, "You can't deactivate your own user account");
    return;
  }
  if (update.password && !caller.is_superuser) {
    ctx.respond_detail(400, "You can't change your password here");
    return;
  }
  auto user = services_->store->get_user(user_id);
  if (!user) {
    ctx.respond_detail(404, "User not found");
    return;
  }
  if (update.username) user->username = *update.username;
  if (update.password) user->password_hash = auth::hash_password(*update.password);
  if (update.profile_image) user->profile_image = update.profile_image;
  if (update.is_active) user->is_active = *update.is_active;
  if (update.is_superuser) user->is_superuser = *update.is_superuser;
  if (!update.optins.is_null()) user->optins_json = update.optins.dump();
  auto saved = services_->store->update_user(*user);
  if (!saved) {
    ctx.respond_detail(400, saved.error().code == store::StoreErrorCode::conflict
                                ? "Username already exists"
                                : saved.error().message);
    return;
  }
  ctx.respond_json(200, user_json(*saved));
}

void UsersHandlers::reset_password(api::Context& ctx, const api::req::reset_password& request) {
  const std::string user_id = request.user_id;
  if (user_id != ctx.caller()->user_id) {
    ctx.respond_detail(400, "You can't change another user's password");
    return;
  }
  auto user = services_->store->get_user(user_id);
  if (!user) {
    ctx.respond_detail(404, "User not found");
    return;
  }
  if (!request.body.password || request.body.password->empty()) {
    ctx.respond_detail(400, "Password is required");
    return;
  }
  if (auth::verify_password(*request.body.password, user->password_hash)) {
    ctx.respond_detail(400, "You can't use your current password");
    return;
  }
  user->password_hash = auth::hash_password(*request.body.password);
  auto saved = services_->store->update_user(*user);
  if (!saved) {
    ctx.respond_detail(500, saved.error().message);
    return;
  }
  ctx.respond_json(200, user_json(*saved));
}

namespace {

// v2 files live in <config dir>/<user id>/ (handlers/files); their rows went with
// the user, so the bytes go too. The id is a canonical UUID (validated path
// parameter), so the folder is a direct child of the config dir.
void remove_user_file_bytes(const std::string& config_dir, const std::string& user_id) {
  auto folder = api::canonical_uuid(user_id);
  if (config_dir.empty() || !folder) return;
  std::error_code ec;
  std::filesystem::remove_all(std::filesystem::path(config_dir) / *folder, ec);
}

}  // namespace

void UsersHandlers::delete_user(api::Context& ctx, const api::req::delete_user& request) {
  const std::string user_id = request.user_id;
  if (user_id == ctx.caller()->user_id) {
    ctx.respond_detail(400, "You can't delete your own user account");
    return;
  }
  auto deleted = services_->store->delete_user(user_id);
  if (!deleted) {
    ctx.respond_detail(404, "User not found");
    return;
  }
  remove_user_file_bytes(ctx.settings().config_dir, user_id);
  ctx.respond_json(200, {{"detail", "User deleted"}});
}

}  // namespace lfkit::handlers
