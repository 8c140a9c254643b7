// Creates and deletes throwaway flows through the API for the suites that
// need one (stateful, execution, streaming, properties).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "conformance/runner/suite_context.hpp"
#include "conformance/suites/operation_lookup.hpp"

namespace lfkit::conformance {

inline const api::OperationInfo* create_flow_op() {
  return find_operation(api::Method::Post, "/api/v1/flows/");
}
inline const api::OperationInfo* flow_item_op(api::Method method) {
  return find_operation(method, "/api/v1/flows/{flow_id}");
}

// Returns the new flow's id, or nullopt after recording the failure.
inline std::optional<std::string> create_flow(SuiteContext& ctx, std::string_view suite,
                                              const nlohmann::json& body) {
  const auto* op = create_flow_op();
  if (!op) return std::nullopt;
  auto request = ctx.request_for(*op);
  request.body = body.dump();
  auto exchange = ctx.send(std::move(request));
  if (!ctx.judge_against_spec(*op, suite, exchange)) return std::nullopt;
  auto doc = nlohmann::json::parse(exchange.response->body, nullptr, false);
  const bool created = exchange.response->status == 201 || exchange.response->status == 200;
  const bool has_id = doc.is_object() && doc.contains("id") && doc["id"].is_string();
  ctx.record(op, suite,
             {"flow_created", created && has_id, "no flow id in the response",
              "201 with the new flow's id"},
             exchange);
  if (!created || !has_id) return std::nullopt;
  return doc["id"].get<std::string>();
}

inline void delete_flow(SuiteContext& ctx, const std::string& id) {
  if (const auto* op = flow_item_op(api::Method::Delete))
    ctx.send(ctx.request_for(*op, {{"flow_id", id}}));
}

inline nlohmann::json empty_flow_body(const std::string& name) {
  return {{"name", name},
          {"data", {{"nodes", nlohmann::json::array()}, {"edges", nlohmann::json::array()}}}};
}

// A flow that lives for one scope. `id` is empty when it could not be made,
// with the reason in `problem` (create_flow excluded, 501, or failing).
struct ScopedFlow {
  ScopedFlow(SuiteContext& ctx, std::string_view suite, const nlohmann::json& body) : ctx_(ctx) {
    const auto* op = create_flow_op();
    if (!op || !ctx.operation_selected(op->operation_id)) {
      problem = "fixture flows need create_flow, which this run excludes";
      return;
    }
    auto request = ctx.request_for(*op);
    request.body = body.dump();
    auto probe = ctx.send(request);
    if (SuiteContext::not_implemented(probe)) {
      problem = "fixture flows need create_flow, which answers 501 (not implemented)";
      return;
    }
    if (probe.response && probe.response->status < 300) {
      auto doc = nlohmann::json::parse(probe.response->body, nullptr, false);
      if (doc.is_object() && doc.contains("id") && doc["id"].is_string()) id = doc["id"];
    }
    // Judged like any other exchange, so create_flow counts as exercised.
    ctx.judge_against_spec(*op, suite, probe);
    if (id.empty()) problem = "create_flow did not create the fixture flow";
  }
  ~ScopedFlow() {
    if (!id.empty()) delete_flow(ctx_, id);
  }
  ScopedFlow(const ScopedFlow&) = delete;
  ScopedFlow& operator=(const ScopedFlow&) = delete;

  std::string id;
  std::string problem;

 private:
  SuiteContext& ctx_;
};

}  // namespace lfkit::conformance
