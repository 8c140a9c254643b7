#include "handlers/login_handlers.hpp"

#include "api/context.hpp"
#include "auth/password.hpp"
#include "http/cookies.hpp"

namespace lfkit::handlers {
namespace {

constexpr std::chrono::seconds kAutoLoginLifetime{365LL * 24 * 3600};

std::optional<std::string> domain_of(const config::Settings& s) {
  if (s.cookie_domain.empty()) return std::nullopt;
  return s.cookie_domain;
}

// Cookies that follow the LANGFLOW_ACCESS_* flags; no expiry means a session cookie.
http::SetCookie access_style_cookie(const config::Settings& s, std::string name, std::string value,
                                    std::optional<int64_t> lifetime) {
  http::SetCookie c;
  c.name = std::move(name);
  c.value = std::move(value);
  c.http_only = s.access_httponly;
  c.same_site = s.access_same_site;
  c.secure = s.access_secure;
  c.domain = domain_of(s);
  if (lifetime) c.expires = std::chrono::system_clock::now() + std::chrono::seconds(*lifetime);
  return c;
}

http::SetCookie refresh_cookie(const config::Settings& s, std::string value) {
  http::SetCookie c;
  c.name = "refresh_token_lf";
  c.value = std::move(value);
  c.http_only = s.refresh_httponly;
  c.same_site = s.refresh_same_site;
  c.secure = s.refresh_secure;
  c.domain = domain_of(s);
  c.expires =
      std::chrono::system_clock::now() + std::chrono::seconds(s.refresh_token_expire_seconds);
  return c;
}

http::Response json_with_cookies(int status, const nlohmann::json& body,
                                 const std::vector<http::SetCookie>& cookies) {
  http::Response r = http::json_response(status, body.dump());
  for (const auto& c : cookies) r.headers.add("set-cookie", http::build_set_cookie(c));
  return r;
}

void respond_unauthorized(api::Context& ctx, std::string_view detail) {
  http::Response r = http::detail_response(401, detail);
  r.headers.set("www-authenticate", "Bearer");
  ctx.respond(std::move(r));
}

}  // namespace

void LoginHandlers::respond_with_tokens(api::Context& ctx, const store::User& user) const {
  const auto& s = services_->settings;
  std::string access = services_->jwt.issue(user.id, auth::kAccessToken,
                                            std::chrono::seconds(s.access_token_expire_seconds));
  std::string refresh = services_->jwt.issue(user.id, auth::kRefreshToken,
                                             std::chrono::seconds(s.refresh_token_expire_seconds));
  std::string store_key = "None";
  if (user.store_api_key) {
    if (auto plain = services_->box.decrypt(*user.store_api_key)) store_key = *plain;
  }
  std::vector<http::SetCookie> cookies{
      refresh_cookie(s, refresh),
      access_style_cookie(s, "access_token_lf", access, s.access_token_expire_seconds),
      access_style_cookie(s, "apikey_tkn_lflw", store_key, std::nullopt)};
  ctx.respond(json_with_cookies(
      200, {{"access_token", access}, {"refresh_token", refresh}, {"token_type", "bearer"}},
      cookies));
}

void LoginHandlers::login_to_get_access_token(api::Context& ctx,
                                              const api::req::login_to_get_access_token& request) {
  auto field = [&](std::string_view name) -> std::string {
    const api::FormField* f = request.form ? request.form->find(name) : nullptr;
    return f ? std::string(f->data) : std::string();
  };
  auto user = services_->store->get_user_by_username(field("username"));
  if (!user || !auth::verify_password(field("password"), user->password_hash)) {
    respond_unauthorized(ctx, "Incorrect username or password");
    return;
  }
  if (!user->is_active) {
    // Never logged in: the account awaits a superuser's approval.
    if (!user->last_login_at) {
      ctx.respond_detail(400, "Waiting for approval");
    } else {
      respond_unauthorized(ctx, "Inactive user");
    }
    return;
  }
  (void)services_->store->record_login(user->id, std::chrono::system_clock::now());
  (void)api::ensure_default_folder(*services_, user->id);
  respond_with_tokens(ctx, *user);
}

void LoginHandlers::auto_login(api::Context& ctx, const api::req::auto_login&) {
  const auto& s = services_->settings;
  if (!s.auto_login) {
    ctx.respond_json(400,
                     {{"detail",
                       {{"message", "Auto login is disabled. Please enable it in the settings"},
                        {"auto_login", false}}}});
    return;
  }
  auto user = services_->store->get_user_by_username("langflow");
  if (!user) {
    ctx.respond_detail(400, "Superuser not found");
    return;
  }
  std::string access = services_->jwt.issue(user->id, auth::kAccessToken, kAutoLoginLifetime);
  ctx.respond(json_with_cookies(
      200, {{"access_token", access}, {"refresh_token", nullptr}, {"token_type", "bearer"}},
      {access_style_cookie(s, "access_token_lf", access, std::nullopt)}));
}

void LoginHandlers::refresh_token(api::Context& ctx, const api::req::refresh_token& request) {
  if (!request.refresh_token_lf || request.refresh_token_lf->empty()) {
    respond_unauthorized(ctx, "Invalid refresh token");
    return;
  }
  auto claims = services_->jwt.verify(*request.refresh_token_lf, auth::kRefreshToken);
  if (!claims) {
    respond_unauthorized(ctx, "Invalid refresh token");
    return;
  }
  auto user = services_->store->get_user(claims->subject);
  if (!user) {
    respond_unauthorized(ctx, "Invalid refresh token");
    return;
  }
  if (!user->is_active) {
    respond_unauthorized(ctx, "User account is inactive");
    return;
  }
  respond_with_tokens(ctx, *user);
}

void LoginHandlers::logout(api::Context& ctx, const api::req::logout&) {
  const auto& s = services_->settings;
  std::vector<http::SetCookie> cookies{
      http::deletion_cookie("refresh_token_lf", domain_of(s), s.refresh_secure, s.refresh_httponly,
                            s.refresh_same_site),
      http::deletion_cookie("access_token_lf", domain_of(s), s.access_secure, s.access_httponly,
                            s.access_same_site),
      http::deletion_cookie("apikey_tkn_lflw", domain_of(s), s.access_secure, s.access_httponly,
                            s.access_same_site)};
  ctx.respond(json_with_cookies(200, {{"message", "Logout successful"}}, cookies));
}

}  // namespace lfkit::handlers
