// The process-wide services the auth layer and handlers share: the open store,
// the token codec and the at-rest cipher, built once at start-up.
#pragma once

#include <memory>
#include <string>

#include "api/auth_cache.hpp"
#include "auth/jwt.hpp"
#include "auth/secret_box.hpp"
#include "common/expected.hpp"
#include "config/settings.hpp"
#include "store/store.hpp"

namespace lfkit::api {

struct Services {
  Services(const config::Settings& s, std::unique_ptr<store::Store> st, const std::string& secret)
      : settings(s), store(std::move(st)), jwt(secret), box(secret) {}

  const config::Settings& settings;
  std::unique_ptr<store::Store> store;
  auth::JwtCodec jwt;
  auth::SecretBox box;
  mutable AuthCache auth_cache;  // filled by authentication, keyed to store->auth_generation()
};

// Opens the database, loads the signing secret and bootstraps the superuser
// (SEMANTICS §1.5). `settings` must outlive the result.
Expected<std::shared_ptr<Services>, std::string> open_services(const config::Settings& settings);

// The per-user default project (1.6+ name), created on signup, first login and
// superuser creation; failures are logged by callers, never fatal.
inline constexpr std::string_view kDefaultFolderName = "Starter Project";
inline constexpr std::string_view kDefaultFolderDescription =
    "Manage your own flows. Download and upload projects.";
store::Status ensure_default_folder(const Services& services, std::string_view user_id);

// Creates the superuser when absent; errors are start-up failures.
Expected<void, std::string> bootstrap_superuser(const Services& services);

}  // namespace lfkit::api
