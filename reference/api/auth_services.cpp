#include "api/auth_services.hpp"

#include "api/langflow_database_guard.hpp"
#include "auth/password.hpp"
#include "auth/secret_key.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::api {

Expected<std::shared_ptr<Services>, std::string> open_services(const config::Settings& settings) {
  if (auto refusal = refuse_langflow_database(settings.database_path)) return unexpected(*refusal);
  auto store = store::SqliteStore::open(settings.database_path);
  if (!store) return unexpected("cannot open database: " + store.error().message);
  std::optional<std::string> configured;
  if (!settings.secret_key.empty()) configured = settings.secret_key;
  auto secret = auth::load_or_create_secret_key(configured, settings.config_dir);
  if (!secret) return unexpected(secret.error().message);
  auto services = std::make_shared<Services>(settings, std::move(*store), *secret);
  if (auto boot = bootstrap_superuser(*services); !boot) return unexpected(boot.error());
  return services;
}

store::Status ensure_default_folder(const Services& services, std::string_view user_id) {
  auto folder =
      services.store->ensure_folder(user_id, kDefaultFolderName, kDefaultFolderDescription);
  if (!folder) return unexpected(folder.error());
  return {};
}

Expected<void, std::string> bootstrap_superuser(const Services& services) {
  const auto& s = services.settings;
  // AUTO_LOGIN forces the default credentials; otherwise they must be configured.
  const std::string username = s.auto_login ? "langflow" : s.superuser;
  const std::string password = s.auto_login ? "langflow" : s.superuser_password;
  if (username.empty() || password.empty()) return unexpected("Username and password must be set");
  auto existing = services.store->get_user_by_username(username);
  if (existing) {
    if (existing->is_superuser) return {};
    return unexpected("user " + username + " exists but is not a superuser");
  }
  if (existing.error().code != store::StoreErrorCode::not_found) {
    return unexpected(existing.error().message);
  }
  store::User user;
  user.username = username;
  user.password_hash = auth::hash_password(password);
  user.is_active = true;
  user.is_superuser = true;
  auto created = services.store->create_user(std::move(user));
  if (!created) return unexpected("cannot create superuser: " + created.error().message);
  if (auto folder = ensure_default_folder(services, created->id); !folder) {
    return unexpected("cannot create the default project: " + folder.error().message);
  }
  return {};
}

}  // namespace lfkit::api
