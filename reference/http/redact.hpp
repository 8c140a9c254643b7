// Keeps credentials out of logs: the access log's request target and the causes the
// error log prints. Redacted values become "***".
#pragma once

#include <string>
#include <string_view>

namespace lfkit::http {

// The target with the values of credential query parameters (x-api-key, api_key, token,
// access_token, refresh_token, password, client_secret, code; any case) replaced.
// Returns the target unchanged (no copy of the query scanned twice) when there is none.
std::string redact_target(std::string_view target);

// Free text with secrets replaced: "sk-" API keys, JWTs ("eyJ...x.y") and the token after
// "Bearer ".
std::string redact_secrets(std::string_view text);

}  // namespace lfkit::http
