#include "api/auth_guard.hpp"

#include "auth/api_key.hpp"
#include "auth/encoding.hpp"
#include "http/cookies.hpp"
#include "http/params.hpp"

namespace lfkit::api {
namespace {

using Outcome = Expected<std::optional<Caller>, AuthFailure>;

Unexpected<AuthFailure> fail(int status, std::string detail, bool bearer = false) {
  return unexpected(AuthFailure{status, std::move(detail), bearer});
}

// Bearer header first, then the access_token_lf cookie.
std::optional<std::string> find_token(const http::Request& request) {
  if (auto header = request.headers.find("authorization")) {
    std::string_view v = *header;
    if (v.size() > 7 && (v.substr(0, 7) == "Bearer " || v.substr(0, 7) == "bearer ")) {
      return std::string(v.substr(7));
    }
  }
  if (auto cookie = request.headers.find("cookie")) {
    auto cookies = http::parse_cookie_header(*cookie);
    if (auto it = cookies.find("access_token_lf"); it != cookies.end() && !it->second.empty()) {
      return it->second;
    }
  }
  return std::nullopt;
}

// The query parameter wins over the header (upstream: `query or header`).
std::optional<std::string> find_api_key(const http::Request& request) {
  for (const auto& [name, value] : http::parse_query(request.query)) {
    if (name == "x-api-key" && !value.empty()) return value;
  }
  if (auto header = request.headers.find("x-api-key"); header && !header->empty()) {
    return std::string(*header);
  }
  return std::nullopt;
}

Outcome user_from_jwt(const std::string& token, const Services& services) {
  auto claims = services.jwt.verify(token, auth::kAccessToken);
  if (!claims) {
    switch (claims.error()) {
      case auth::JwtError::expired:
        return fail(401, "Token has expired.", true);
      case auth::JwtError::wrong_type:
        return fail(401, "Invalid token type. Expected access token.", true);
      case auth::JwtError::invalid:
        break;
    }
    return fail(401, "Could not validate credentials", true);
  }
  const int64_t generation = services.store->auth_generation();  // before the read: see AuthCache
  if (auto cached = services.auth_cache.find_user(claims->subject, generation)) {
    return std::optional<Caller>(std::move(*cached));
  }
  auto user = services.store->get_user(claims->subject);
  if (!user || !user->is_active) return fail(401, "User not found or is inactive.", true);
  Caller caller{user->id, user->is_superuser, user->is_active};
  services.auth_cache.put_user(claims->subject, generation, caller);
  return std::optional<Caller>(std::move(caller));
}

// The auto-login superuser ("langflow": AUTO_LOGIN forces the default name).
Outcome superuser_by_name(const Services& services) {
  auto su = services.store->get_user_by_username("langflow");
  if (!su) return fail(403, "Invalid or missing API key");
  return std::optional<Caller>(Caller{su->id, su->is_superuser, su->is_active});
}

// The active key with this hash and its owner, from the cache or the store.
std::optional<AuthCache::KeyHolder> key_holder(const std::string& key_hash,
                                               const Services& services) {
  const int64_t generation = services.store->auth_generation();  // before the reads
  if (auto cached = services.auth_cache.find_key(key_hash, generation)) return cached;
  auto record = services.store->find_api_key_by_hash(key_hash);
  if (!record || !record->is_active) return std::nullopt;
  auto user = services.store->get_user(record->user_id);
  if (!user) return std::nullopt;
  AuthCache::KeyHolder holder{record->id, Caller{user->id, user->is_superuser, user->is_active}};
  services.auth_cache.put_key(key_hash, generation, holder);
  return holder;
}

// LANGFLOW_API_KEY_SOURCE=env: a key equal to LANGFLOW_API_KEY acts as the configured
// superuser (upstream's _check_key_from_env); nullopt sends the key on to the database.
std::optional<Caller> env_key_holder(const std::string& key, const config::Settings& s,
                                     const Services& services) {
  if (s.api_key_source != "env" || s.env_api_key.empty()) return std::nullopt;
  if (!auth::constant_time_equals(key, s.env_api_key)) return std::nullopt;
  auto su = services.store->get_user_by_username(s.auto_login ? "langflow" : s.superuser);
  if (!su || !su->is_active) return std::nullopt;
  return Caller{su->id, su->is_superuser, su->is_active};
}

Outcome api_key_security(const http::Request& request, const Services& services) {
  const auto& s = services.settings;
  auto key = find_api_key(request);
  if (s.auto_login && !key) {
    if (s.superuser.empty()) return fail(400, "Missing first superuser credentials");
    if (!s.skip_auth_auto_login) {
      return fail(403,
                  "Since v1.5, LANGFLOW_AUTO_LOGIN requires a valid API key. Set "
                  "LANGFLOW_SKIP_AUTH_AUTO_LOGIN=true to skip this check. Please update your "
                  "authentication method.");
    }
    return superuser_by_name(services);
  }
  if (!key) return fail(403, "An API key must be passed as query or header");
  if (auto env_caller = env_key_holder(*key, s, services)) return env_caller;
  auto holder = key_holder(auth::hash_api_key(*key), services);
  if (!holder) return fail(403, "Invalid or missing API key");
  if (!s.disable_track_apikey_usage) {
    (void)services.store->record_api_key_use(holder->key_id, std::chrono::system_clock::now());
  }
  return std::optional<Caller>(std::move(holder->caller));
}

// get_current_user + get_current_active_user.
Outcome current_user(const http::Request& request, const Services& services) {
  Outcome found = [&]() -> Outcome {
    if (auto token = find_token(request)) return user_from_jwt(*token, services);
    return api_key_security(request, services);
  }();
  if (!found) return found;
  // The user row was read with the credentials: no second lookup.
  if (!*found || !(*found)->is_active) return fail(401, "Inactive user");
  return found;
}

}  // namespace

Outcome authenticate(Auth mode, const http::Request& request, const Services& services) {
  switch (mode) {
    case Auth::current_user:
      return current_user(request, services);
    case Auth::mcp:
      // MCP routes act as if SKIP_AUTH_AUTO_LOGIN were set (SEMANTICS §1.2).
      if (services.settings.auto_login && !find_token(request) && !find_api_key(request)) {
        return superuser_by_name(services);
      }
      return current_user(request, services);
    case Auth::superuser: {
      auto found = current_user(request, services);
      if (found && !(*found)->is_superuser) {
        return fail(403, "The user doesn't have enough privileges");
      }
      return found;
    }
    case Auth::api_key:
      return api_key_security(request, services);
    case Auth::optional: {
      // Credentials are used when they work; a public caller is not an error.
      if (!find_token(request) && !find_api_key(request)) return std::optional<Caller>();
      auto found = current_user(request, services);
      if (!found) return std::optional<Caller>();
      return found;
    }
    case Auth::none:
    case Auth::public_flow:
    case Auth::webhook:
    case Auth::refresh_cookie:
      return std::optional<Caller>();
  }
  return std::optional<Caller>();
}

http::Response auth_failure_response(const AuthFailure& failure) {
  http::Response r =
      http::json_response(failure.status, dump_json(nlohmann::json{{"detail", failure.detail}}));
  if (failure.bearer_challenge) r.headers.set("www-authenticate", "Bearer");
  return r;
}

}  // namespace lfkit::api
