// Users tag (SEMANTICS §1.7): signup, whoami, listing, patching, password reset
// and deletion, with upstream's permission rules.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>

#include "api/auth_services.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

// The UserRead shape (the password hash never leaves the server).
nlohmann::json user_json(const store::User& user);

class UsersHandlers : public api::UsersHandlers {
 public:
  explicit UsersHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void read_all_users(api::Context& ctx, const api::req::read_all_users& request) override;
  void add_user(api::Context& ctx, const api::req::add_user& request) override;
  void read_current_user(api::Context& ctx, const api::req::read_current_user& request) override;
  void patch_user(api::Context& ctx, const api::req::patch_user& request) override;
  void delete_user(api::Context& ctx, const api::req::delete_user& request) override;
  void reset_password(api::Context& ctx, const api::req::reset_password& request) override;

 private:
  std::shared_ptr<const api::Services> services_;
};

}  // namespace lfkit::handlers
