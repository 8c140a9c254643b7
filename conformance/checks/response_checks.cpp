#include "conformance/checks/response_checks.hpp"

#include <nlohmann/json.hpp>

#include "conformance/report/check_record.hpp"

namespace lfkit::conformance {
namespace {

CheckOutcome pass(std::string name) {
  return {std::move(name), true, "", ""};
}

CheckOutcome failure(std::string name, std::string message, std::string expected) {
  return {std::move(name), false, std::move(message), std::move(expected)};
}

std::string status_list(std::span<const DocumentedResponse> documented) {
  std::string out;
  for (const auto& d : documented) {
    if (!out.empty()) out += ", ";
    out += d.status == 0 ? "default" : std::to_string(d.status);
  }
  return "{" + out + "}";
}

bool media_matches(std::string_view documented, std::string_view actual) {
  if (documented.empty() || documented == "*/*") return true;
  if (documented == actual) return true;
  // application/*+json, text/* style wildcards.
  if (documented.ends_with("/*"))
    return actual.starts_with(documented.substr(0, documented.size() - 1));
  return false;
}

bool is_json_media(std::string_view media) {
  return media == "application/json" || media.ends_with("+json");
}

}  // namespace

const DocumentedResponse* find_documented(int status,
                                          std::span<const DocumentedResponse> documented) {
  const DocumentedResponse* fallback = nullptr;
  for (const auto& d : documented) {
    if (d.status == status) return &d;
    if (d.status == 0) fallback = &d;
  }
  return fallback;
}

CheckOutcome check_no_server_error(const HttpResponse& response) {
  if (response.status >= 500) {
    return failure("no_server_error", "server error " + std::to_string(response.status),
                   "a status below 500");
  }
  return pass("no_server_error");
}

CheckOutcome check_status_documented(const HttpResponse& response,
                                     std::span<const DocumentedResponse> documented) {
  if (find_documented(response.status, documented)) return pass("status_documented");
  return failure("status_documented",
                 "status " + std::to_string(response.status) + " is not documented",
                 "status in " + status_list(documented));
}

CheckOutcome check_content_type(const HttpResponse& response,
                                std::span<const DocumentedResponse> documented) {
  const auto* doc = find_documented(response.status, documented);
  if (!doc || doc->media_type.empty()) return pass("content_type");
  const auto actual = response.media_type();
  for (const auto& d : documented) {
    if (d.status == doc->status && media_matches(d.media_type, actual)) return pass("content_type");
  }
  return failure("content_type", "Content-Type is '" + actual + "'",
                 "Content-Type " + std::string(doc->media_type));
}

CheckOutcome check_body_schema(const HttpResponse& response,
                               std::span<const DocumentedResponse> documented,
                               SchemaCache& schemas) {
  const auto* doc = find_documented(response.status, documented);
  if (!doc || doc->schema_json.empty() ||
      !is_json_media(doc->media_type.empty() ? std::string_view("application/json")
                                             : doc->media_type)) {
    return pass("body_schema");
  }
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded()) {
    return failure("body_schema", "body is not JSON: " + excerpt(response.body, 120),
                   "JSON matching the documented schema");
  }
  auto valid = schemas.validate(doc->schema_json, body);
  if (valid) return pass("body_schema");
  std::string errors;
  for (const auto& e : valid.error()) errors += (errors.empty() ? "" : "; ") + e;
  return failure("body_schema", "body does not match the schema: " + errors,
                 "body matching the schema for status " + std::to_string(doc->status));
}

CheckOutcome check_error_shape(const HttpResponse& response) {
  constexpr std::string_view kName = "error_shape";
  if (response.status < 400 || response.status >= 500) return pass(std::string(kName));
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("detail")) {
    return failure(std::string(kName),
                   "error body lacks \"detail\": " + excerpt(response.body, 120),
                   "{\"detail\": ...}");
  }
  if (response.status != 422 || body["detail"].is_string()) return pass(std::string(kName));
  const auto& detail = body["detail"];
  if (!detail.is_array() || detail.empty()) {
    return failure(std::string(kName), "422 detail is not a non-empty list",
                   "422 {\"detail\": [{type, loc, msg, input}]}");
  }
  for (const auto& item : detail) {
    const bool ok = item.is_object() && item.contains("type") && item["type"].is_string() &&
                    item.contains("loc") && item["loc"].is_array() && item.contains("msg") &&
                    item["msg"].is_string() && item.contains("input");
    if (!ok) {
      return failure(std::string(kName), "422 detail item malformed: " + excerpt(item.dump(), 160),
                     "each item {type: str, loc: [..], msg: str, input}");
    }
  }
  return pass(std::string(kName));
}

CheckOutcome check_auth_refusal(const HttpResponse& response) {
  constexpr std::string_view kName = "auth_refusal";
  const std::string expected =
      "401 with WWW-Authenticate: Bearer and {\"detail\": str}, or 403 {\"detail\": str}";
  if (response.status != 401 && response.status != 403) {
    return failure(std::string(kName),
                   "request was not refused (status " + std::to_string(response.status) + ")",
                   expected);
  }
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("detail") ||
      !body["detail"].is_string()) {
    return failure(std::string(kName), "refusal body lacks a string detail", expected);
  }
  if (response.status == 401) {
    auto challenge = response.header("WWW-Authenticate").value_or("");
    if (!iequals(challenge.substr(0, 6), "Bearer")) {
      return failure(std::string(kName), "401 without WWW-Authenticate: Bearer", expected);
    }
  }
  return pass(std::string(kName));
}

CheckOutcome check_status_is(const HttpResponse& response, int expected_status) {
  if (response.status == expected_status) return pass("status_is");
  return failure("status_is", "status " + std::to_string(response.status),
                 "status " + std::to_string(expected_status));
}

}  // namespace lfkit::conformance
