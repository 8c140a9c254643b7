// CORS as Langflow configures Starlette's CORSMiddleware: origins from
// LANGFLOW_CORS_ORIGINS, credentials allowed, every method and header allowed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/message.hpp"

namespace lfkit::http {

struct CorsOptions {
  bool enabled = true;
  std::vector<std::string> allow_origins = {"*"};  // "*" allows any origin
  bool allow_credentials = true;
  int max_age_seconds = 600;
};

// Answers a preflight (OPTIONS with Origin and Access-Control-Request-Method):
// 200 "OK", or 400 "Disallowed CORS origin" when the origin is not allowed.
// nullopt when `request` is not a preflight.
std::optional<Response> cors_preflight(const CorsOptions& options, const Request& request);

// Adds the simple-response headers (Access-Control-Allow-Origin, -Credentials,
// Vary: Origin) to a normal response when the request carries an Origin.
void apply_cors(const CorsOptions& options, const Request& request, Headers& response_headers);

// Splits LANGFLOW_CORS_ORIGINS ("*" or "a,b" or a JSON-ish list) into origins.
std::vector<std::string> parse_cors_origins(std::string_view text);

}  // namespace lfkit::http
