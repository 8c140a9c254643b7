// Upstream's v2 converters: flat "component.param" inputs to tweaks, and a finished
// run to WorkflowExecutionResponse (terminal vertices keyed by display name).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"

namespace lfkit::handlers::execution {

struct FlatInputs {
  nlohmann::json tweaks = nlohmann::json::object();
  std::optional<std::string> session_id;
};

FlatInputs parse_flat_inputs(const nlohmann::json& inputs);

// Vertex ids with no outgoing edge, in flow order.
std::vector<std::string> terminal_vertices(const engine::FlowData& flow);

nlohmann::ordered_json workflow_response(const engine::FlowData& flow,
                                         const engine::RunOutcome& outcome,
                                         const std::string& flow_id, const std::string& job_id,
                                         const nlohmann::json& inputs);

// status "failed" with one EXECUTION_ERROR entry (HTTP 200 upstream).
nlohmann::ordered_json workflow_error_response(const std::string& flow_id,
                                               const std::string& job_id,
                                               const nlohmann::json& inputs,
                                               const std::string& error);

}  // namespace lfkit::handlers::execution
