// Schemathesis-style checks: small named functions, each judging one aspect
// of one response. They know only plain values, not the generated API, so a
// suite adapts lfkit::api::ResponseInfo into DocumentedResponse.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "conformance/checks/schema_cache.hpp"
#include "conformance/net/http_message.hpp"

namespace lfkit::conformance {

struct DocumentedResponse {
  int status = 0;  // 0 = "default"
  std::string_view media_type;
  std::string_view schema_json;  // "" when the spec gives no schema
};

struct CheckOutcome {
  std::string check;  // the check's name, e.g. "status_documented"
  bool ok = true;
  std::string message;   // why it failed
  std::string expected;  // what the spec/upstream wanted
};

CheckOutcome check_no_server_error(const HttpResponse& response);
CheckOutcome check_status_documented(const HttpResponse& response,
                                     std::span<const DocumentedResponse> documented);
CheckOutcome check_content_type(const HttpResponse& response,
                                std::span<const DocumentedResponse> documented);
CheckOutcome check_body_schema(const HttpResponse& response,
                               std::span<const DocumentedResponse> documented,
                               SchemaCache& schemas);
// 4xx bodies are {"detail": ...}; 422 bodies are a list of {type, loc, msg, input}
// (or a plain string from validators that raise HTTP errors themselves).
CheckOutcome check_error_shape(const HttpResponse& response);
// A refused request: 401 with WWW-Authenticate: Bearer and a string detail, or
// 403 with a string detail; anything else is not a refusal.
CheckOutcome check_auth_refusal(const HttpResponse& response);
// The exact upstream status, for negative/auth probes.
CheckOutcome check_status_is(const HttpResponse& response, int expected_status);

// The documented entry for a status (exact match, else "default"), or nullptr.
const DocumentedResponse* find_documented(int status,
                                          std::span<const DocumentedResponse> documented);

}  // namespace lfkit::conformance
