#include "api/error_log.hpp"

#include <atomic>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "api/context.hpp"
#include "common/clock.hpp"
#include "common/uuid.hpp"
#include "http/params.hpp"
#include "http/redact.hpp"
#include "lfkit/api/operations.hpp"

namespace lfkit::api {
namespace {

std::atomic<bool> g_enabled{true};
std::FILE* g_file = nullptr;

std::string operation_of(const http::Request& request) {
  auto method = parse_method(request.method);
  if (!method) return "";
  const std::string path = http::percent_decode(request.path, /*plus_as_space=*/false);
  RouteMatch match = router().match(static_cast<uint8_t>(*method), path);
  if (match.status != RouteStatus::found) return "";
  return std::string(info(static_cast<Op>(match.op)).operation_id);
}

}  // namespace

void set_error_log_enabled(bool enabled) {
  g_enabled = enabled;
}

void set_error_log_file(std::FILE* file) {
  g_file = file;
}

std::string log_server_error(const http::Request& request, int status, std::string_view operation,
                             std::string_view cause) {
  std::string request_id = new_uuid();
  if (!g_enabled) return request_id;
  nlohmann::json line = {
      {"level", "ERROR"},
      {"status", status},
      {"operation", operation.empty() ? operation_of(request) : std::string(operation)},
      {"method", request.method},
      {"target", http::redact_target(request.target)},
      {"request_id", request_id},
      {"error", http::redact_secrets(cause.substr(0, 2000))},
      {"ts", iso_utc_micros(std::chrono::system_clock::now())}};
  const std::string text = dump_json(line) + "\n";
  for (std::FILE* out : {stderr, g_file}) {
    if (!out) continue;
    std::fwrite(text.data(), 1, text.size(), out);  // one write: lines stay whole
    std::fflush(out);
  }
  return request_id;
}

}  // namespace lfkit::api
