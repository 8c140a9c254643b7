// Paths outside the API spec that the server answers itself, checked only after the router
// found no route (so they cost nothing on API requests):
//   /openapi.json   the OpenAPI document the server was built from (spec/openapi.yaml)
//   /docs, /redoc   one self-contained HTML page listing every operation (no scripts, no CDN)
//   /lfkit/version  lfkit's own version and commit (upstream's /api/v1/version is Langflow's)
#pragma once

#include <optional>

#include "http/message.hpp"

namespace lfkit::api {

std::optional<http::Response> builtin_page(const http::Request& request);

}  // namespace lfkit::api
