// The error log: one JSON line on stderr per 500 the server answers, with the cause an
// access-log line cannot carry. Credentials are redacted from the target and the cause.
//   {"error":"...","level":"ERROR","method":"POST","operation":"simplified_run_flow",
//    "request_id":"...","status":500,"target":"/api/v1/run/x","ts":"..."}
// The same request_id is sent to the client in the X-Request-ID header of that 500.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace lfkit::api {

// Whether ERROR lines are written (false only with LANGFLOW_LOG_LEVEL=CRITICAL).
void set_error_log_enabled(bool enabled);
// A second destination (LANGFLOW_LOG_FILE); set once at startup, before requests arrive.
void set_error_log_file(std::FILE* file);

// Logs the cause of a 5xx for `request` and returns the request id to send back.
// `operation` may be empty: it is then looked up from the request's method and path.
std::string log_server_error(const http::Request& request, int status, std::string_view operation,
                             std::string_view cause);

}  // namespace lfkit::api
