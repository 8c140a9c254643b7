// Authentication before dispatch (SEMANTICS §1.1-1.3): resolves the caller of
// an operation from its bearer JWT, access cookie or API key, per OperationInfo.auth.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "api/auth_services.hpp"
#include "api/context.hpp"
#include "common/expected.hpp"
#include "http/message.hpp"
#include "lfkit/api/operations.hpp"

namespace lfkit::api {

struct AuthFailure {
  int status = 401;
  nlohmann::json detail;
  bool bearer_challenge = false;  // adds WWW-Authenticate: Bearer
};

// nullopt: no caller (public operation, or optional auth without credentials).
Expected<std::optional<Caller>, AuthFailure> authenticate(Auth mode, const http::Request& request,
                                                          const Services& services);

http::Response auth_failure_response(const AuthFailure& failure);

}  // namespace lfkit::api
