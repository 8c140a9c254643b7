// negative: malformed requests get the right 4xx in upstream's shape, never a
// 5xx and never a dropped connection: invalid UUIDs in path parameters,
// wrongly typed query parameters, malformed JSON, a JSON array instead of an
// object, missing required fields, wrongly typed fields, an oversized field.
#include "conformance/runner/body_generator.hpp"
#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {
namespace {

bool documents(const api::OperationInfo& op, int status) {
  for (const auto& r : op.responses) {
    if (r.status == status) return true;
  }
  return false;
}

// A 422 detail item whose loc starts with `where` (e.g. ["body", "name"]).
bool detail_mentions(const HttpResponse& response, const nlohmann::json& where) {
  auto doc = nlohmann::json::parse(response.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("detail") || !doc["detail"].is_array()) return false;
  for (const auto& item : doc["detail"]) {
    if (!item.is_object() || !item.contains("loc") || !item["loc"].is_array()) continue;
    const auto& loc = item["loc"];
    if (loc.size() < where.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < where.size(); ++i) same = same && loc[i] == where[i];
    if (same) return true;
  }
  return false;
}

// Sends a malformed request; expects 422 (4xx when 422 is not documented),
// the error shape, no 5xx, and with `where` a detail item located there.
void expect_rejected(const api::OperationInfo& op, const std::string& check, HttpRequest request,
                     const nlohmann::json& where = nullptr) {
  auto& ctx = suite_context();
  auto exchange = ctx.send(std::move(request));
  if (!exchange.response) {
    ctx.record(&op, "negative", {check, false, "no response: " + exchange.net_error, "a 4xx"},
               exchange);
    return;
  }
  if (SuiteContext::not_implemented(exchange))
    return ctx.skip_not_implemented(op, "negative", check);
  const auto& r = *exchange.response;
  const bool want_422 = documents(op, 422);
  CheckOutcome status{check, want_422 ? r.status == 422 : (r.status >= 400 && r.status < 500),
                      "status " + std::to_string(r.status), want_422 ? "422" : "a 4xx"};
  ctx.record(&op, "negative", status, exchange);
  if (!status.ok || op.method == api::Method::Head) return;  // a HEAD answer has no body
  auto shape = check_error_shape(r);
  shape.check = check + ".error_shape";
  ctx.record(&op, "negative", shape, exchange);
  if (!where.is_null() && r.status == 422 && shape.ok) {
    ctx.record(&op, "negative",
               {check + ".detail_loc", detail_mentions(r, where),
                "no detail item located at " + where.dump(),
                "a 422 detail item with loc starting " + where.dump()},
               exchange);
  }
}

// Anything but a 5xx or a dropped connection.
void expect_answer(const api::OperationInfo& op, const std::string& check, HttpRequest request) {
  auto& ctx = suite_context();
  auto exchange = ctx.send(std::move(request));
  suite_context().delete_if_created(op, exchange);
  if (SuiteContext::not_implemented(exchange))
    return ctx.skip_not_implemented(op, "negative", check);
  const bool ok = exchange.response && exchange.response->status < 500;
  ctx.record(&op, "negative",
             {check, ok,
              exchange.response ? "status " + std::to_string(exchange.response->status)
                                : "no response: " + exchange.net_error,
              "an answer below 500"},
             exchange);
}

// Values of many types: the first one the body schema rejects in `field` is
// the wrongly typed value.
std::optional<nlohmann::json> wrong_value_for(const nlohmann::json& schema,
                                              const std::string& schema_text,
                                              const nlohmann::json& valid_body,
                                              const std::string& field) {
  static const nlohmann::json candidates =
      nlohmann::json::parse(R"([{"lfkit": [1]}, [1, 2], "lfkit-not-a-number", 12345, 1.5])");
  (void)schema;
  for (const auto& candidate : candidates) {
    auto body = valid_body;
    body[field] = candidate;
    if (!suite_context().schemas().validate(schema_text, body)) return candidate;
  }
  return std::nullopt;
}

void register_body_checks(SuiteContext& context, const api::OperationInfo& op) {
  const std::string id(op.operation_id);
  auto schema = nlohmann::json::parse(op.body_schema_json, nullptr, false);
  if (schema.is_discarded()) return;
  const auto& body_schema = resolve_schema(schema, schema);
  (void)context;
  if (op.body_required) {
    register_check("negative", id + ".malformed_json", [&op] {
      auto request = suite_context().request_for(op);
      request.body = "{\"unterminated\": ";
      expect_rejected(op, "malformed_json", std::move(request), nlohmann::json::array({"body"}));
    });
  }
  const bool object_body = body_schema.is_object() &&
                           (body_schema.value("type", "") == "object" ||
                            (!body_schema.contains("type") && body_schema.contains("properties")));
  if (!object_body) return;
  register_check("negative", id + ".array_instead_of_object", [&op] {
    auto request = suite_context().request_for(op);
    request.body = "[]";
    expect_rejected(op, "array_instead_of_object", std::move(request),
                    nlohmann::json::array({"body"}));
  });
  std::vector<std::string> required;
  if (body_schema.contains("required") && body_schema["required"].is_array()) {
    for (const auto& r : body_schema["required"]) required.push_back(r.get<std::string>());
  }
  if (required.empty()) return;
  register_check("negative", id + ".missing_fields", [&op, required] {
    auto request = suite_context().request_for(op);
    request.body = "{}";
    expect_rejected(op, "missing_fields", std::move(request),
                    nlohmann::json::array({"body", required.front()}));
  });
  register_check("negative", id + ".wrong_types", [&op, schema, required] {
    auto& ctx = suite_context();
    const auto valid = minimal_instance(schema, schema);
    for (const auto& field : required) {
      auto wrong = wrong_value_for(schema, std::string(op.body_schema_json), valid, field);
      if (!wrong) continue;  // the field accepts anything
      auto body = valid;
      body[field] = *wrong;
      auto request = ctx.request_for(op);
      request.body = body.dump();
      expect_rejected(op, "wrong_type_" + field, std::move(request),
                      nlohmann::json::array({"body", field}));
    }
  });
  register_check("negative", id + ".oversized_field", [&op, schema, required] {
    auto& ctx = suite_context();
    auto body = minimal_instance(schema, schema);
    for (const auto& field : required) {
      if (body[field].is_string()) {
        body[field] = std::string(512 * 1024, 'x');
        auto request = ctx.request_for(op);
        request.body = body.dump();
        return expect_answer(op, "oversized_field_" + field, std::move(request));
      }
    }
    ctx.record_skip(op, "negative", "oversized_field", "no required string field");
  });
}

}  // namespace

void register_negative_suite(SuiteContext& context) {
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    const std::string id(op.operation_id);
    for (const auto& p : op.params) {
      const std::string name(p.name);
      const std::string in(p.in);
      if (in == "path" && is_uuid_schema(p.schema_json)) {
        register_check("negative", id + ".invalid_uuid_" + name, [&op, name] {
          auto& ctx = suite_context();
          expect_rejected(op, "invalid_uuid_" + name, ctx.request_for(op, {{name, "not-a-uuid"}}),
                          nlohmann::json::array({"path", name}));
        });
      }
      const bool numeric = p.schema_json.find("\"integer\"") != std::string_view::npos ||
                           p.schema_json.find("\"boolean\"") != std::string_view::npos;
      const bool takes_string = p.schema_json.find("\"string\"") != std::string_view::npos;
      if (in == "query" && numeric && !takes_string) {
        register_check("negative", id + ".wrong_type_query_" + name, [&op, name] {
          auto& ctx = suite_context();
          expect_rejected(op, "wrong_type_query_" + name,
                          ctx.request_for(op, {{name, "not-a-number"}}),
                          nlohmann::json::array({"query", name}));
        });
      }
    }
    if (op.body_media_type == "application/json") register_body_checks(context, op);
  }
}

}  // namespace lfkit::conformance
