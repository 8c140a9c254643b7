// Mounts the core groups: Health Check, Login, Users, APIKey, Variables.
#include "handlers/api_key_handlers.hpp"
#include "handlers/health_handlers.hpp"
#include "handlers/login_handlers.hpp"
#include "handlers/mount.hpp"
#include "handlers/users_handlers.hpp"
#include "handlers/variables_handlers.hpp"

namespace lfkit::handlers {

void mount_core(api::HandlerSet& set, const MountContext& context) {
  const auto& services = context.services;
  set.healthcheck = std::make_shared<HealthHandlers>();
  set.login = std::make_shared<LoginHandlers>(services);
  set.users = std::make_shared<UsersHandlers>(services);
  set.apikey = std::make_shared<ApiKeyHandlers>(services);
  set.variables = std::make_shared<VariablesHandlers>(services);
}

}  // namespace lfkit::handlers
