// negative: invalid UUIDs in typed path parameters and malformed JSON bodies
// get 422 in upstream's shape; never a 5xx, never a dropped connection.
#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {
namespace {

void expect_422(const api::OperationInfo& op, const std::string& check, HttpRequest request) {
  auto& ctx = suite_context();
  auto exchange = ctx.send(std::move(request));
  if (!exchange.response) {
    ctx.record(&op, "negative", {check, false, "no response: " + exchange.net_error, "422"},
               exchange);
    return;
  }
  auto status = check_status_is(*exchange.response, 422);
  status.check = check;
  ctx.record(&op, "negative", status, exchange);
  ctx.record(&op, "negative", check_no_server_error(*exchange.response), exchange);
  ctx.record(&op, "negative", check_error_shape(*exchange.response), exchange);
}

}  // namespace

void register_negative_suite(SuiteContext& context) {
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    const std::string id(op.operation_id);
    for (const auto& p : op.params) {
      if (p.in != "path" || p.schema_json.find("\"uuid\"") == std::string_view::npos) continue;
      const std::string name(p.name);
      register_check("negative", id + ".invalid_uuid_" + name, [&op, name] {
        auto& ctx = suite_context();
        expect_422(op, "invalid_uuid_" + name, ctx.request_for(op, {{name, "not-a-uuid"}}));
      });
    }
    if (op.body_required && op.body_media_type == "application/json") {
      register_check("negative", id + ".malformed_json", [&op] {
        auto& ctx = suite_context();
        auto request = ctx.request_for(op);
        request.body = "{\"unterminated\": ";
        expect_422(op, "malformed_json", std::move(request));
      });
    }
  }
}

}  // namespace lfkit::conformance
