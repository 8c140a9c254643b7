// Login tag (SEMANTICS §1.4): password login, auto-login, token refresh and logout,
// with Langflow's token cookies.
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

class LoginHandlers : public api::LoginHandlers {
 public:
  explicit LoginHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void auto_login(api::Context& ctx, const api::req::auto_login& request) override;
  void login_to_get_access_token(api::Context& ctx,
                                 const api::req::login_to_get_access_token& request) override;
  void logout(api::Context& ctx, const api::req::logout& request) override;
  void refresh_token(api::Context& ctx, const api::req::refresh_token& request) override;

 private:
  // 200 with the token pair and all three cookies (login and refresh).
  void respond_with_tokens(api::Context& ctx, const store::User& user) const;
  std::shared_ptr<const api::Services> services_;
};

}  // namespace lfkit::handlers
