#include "handlers/execution/workflow_response.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>

namespace lfkit::handlers::execution {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

std::string now_seconds() {
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_output_type(const std::string& type) {
  return type == "ChatOutput" || type == "TextOutput";
}

// The text inside a ResultData "outputs" entry: {name: {"message": <Message|str>, ...}}.
std::optional<std::string> output_text(const json& outputs) {
  for (const auto& [name, value] : outputs.items()) {
    if (!value.is_object() || !value.contains("message")) continue;
    const json& message = value["message"];
    if (message.is_string()) return message.get<std::string>();
    if (message.is_object() && message.contains("text") && message["text"].is_string())
      return message["text"].get<std::string>();
  }
  return std::nullopt;
}

}  // namespace

FlatInputs parse_flat_inputs(const json& inputs) {
  FlatInputs out;
  if (!inputs.is_object()) return out;
  std::vector<std::string> order;
  std::map<std::string, json> grouped;
  for (const auto& [key, value] : inputs.items()) {
    auto dot = key.find('.');
    if (dot != std::string::npos) {
      std::string component = key.substr(0, dot);
      if (!grouped.count(component)) order.push_back(component);
      grouped[component][key.substr(dot + 1)] = value;
    } else if (value.is_object()) {
      out.tweaks[key] = value;
    }
  }
  for (const auto& component : order) {
    json params = grouped[component];
    if (params.contains("session_id") && !out.session_id) {
      const json& s = params["session_id"];
      out.session_id = s.is_string() ? s.get<std::string>() : s.dump();
    }
    params.erase("session_id");
    if (!params.empty()) out.tweaks[component] = params;
  }
  return out;
}

std::vector<std::string> terminal_vertices(const engine::FlowData& flow) {
  std::vector<std::string> out;
  for (const auto& node : flow.nodes) {
    bool has_successor =
        std::any_of(flow.edges.begin(), flow.edges.end(),
                    [&](const engine::FlowEdge& e) { return e.source == node.id; });
    if (!has_successor) out.push_back(node.id);
  }
  return out;
}

ojson workflow_response(const engine::FlowData& flow, const engine::RunOutcome& outcome,
                        const std::string& flow_id, const std::string& job_id, const json& inputs) {
  // Every built vertex's ResultData, by component id.
  const json run = engine::build_run_response(outcome, std::nullopt, {"debug", ""});
  std::map<std::string, json> by_id;
  for (const auto& run_output : run.value("outputs", json::array()))
    for (const auto& result : run_output.value("outputs", json::array()))
      if (result.is_object() && result.contains("component_id"))
        by_id[result["component_id"].get<std::string>()] = result;

  const auto terminal = terminal_vertices(flow);
  std::map<std::string, int> name_counts;
  for (const auto& node : flow.nodes)
    if (std::count(terminal.begin(), terminal.end(), node.id))
      ++name_counts[node.display_name.empty() ? node.id : node.display_name];

  ojson outputs = ojson::object();
  for (const auto& node : flow.nodes) {
    if (!std::count(terminal.begin(), terminal.end(), node.id)) continue;
    std::string type = "unknown";
    if (const auto* spec = engine::builtin_registry().find(node.type);
        spec && !spec->outputs.empty() && !spec->outputs.front().types.empty())
      type = lower(spec->outputs.front().types.front());
    if (type == "unknown" && !node.type.empty()) type = lower(node.type);
    ojson metadata = {{"component_type", node.type}};
    ojson content = nullptr;
    if (auto it = by_id.find(node.id); it != by_id.end()) {
      const json& result = it->second;
      json raw = result.value("outputs", json::object());
      if (raw.empty()) raw = result.value("results", json::object());
      const bool output = is_output_type(node.type);
      if (output && (type == "message" || type == "text")) {
        auto text = output_text(result.value("outputs", json::object()));
        content = text ? ojson(*text) : ojson::parse(raw.dump());
      } else if (output || type == "data") {
        json simplified = raw;
        if (type == "data" && raw.contains("result") && raw["result"].is_object() &&
            raw["result"].contains("message"))
          simplified = raw["result"]["message"];
        content = ojson::parse(simplified.dump());
      }
    }
    const std::string display = node.display_name.empty() ? node.id : node.display_name;
    std::string key = display;
    if (name_counts[display] > 1) {
      key = node.id;
      if (!node.display_name.empty() && node.display_name != node.id)
        metadata["display_name"] = node.display_name;
    }
    ojson component;
    component["type"] = type;
    component["status"] = "completed";
    component["content"] = content;
    component["metadata"] = metadata;
    outputs[key] = component;
  }
  ojson r;
  r["flow_id"] = flow_id;
  r["job_id"] = job_id;
  r["object"] = "response";
  r["created_timestamp"] = now_seconds();
  r["status"] = "completed";
  r["errors"] = ojson::array();
  r["inputs"] = inputs.is_object() ? ojson::parse(inputs.dump()) : ojson::object();
  r["outputs"] = outputs;
  return r;
}

ojson workflow_error_response(const std::string& flow_id, const std::string& job_id,
                              const json& inputs, const std::string& error) {
  ojson detail;
  detail["error"] = error;
  detail["code"] = "EXECUTION_ERROR";
  detail["details"] = {{"flow_id", flow_id}, {"error_type", "ValueError"}};
  ojson r;
  r["flow_id"] = flow_id;
  r["job_id"] = job_id;
  r["object"] = "response";
  r["created_timestamp"] = now_seconds();
  r["status"] = "failed";
  r["errors"] = ojson::array({detail});
  r["inputs"] = inputs.is_object() ? ojson::parse(inputs.dump()) : ojson::object();
  r["outputs"] = ojson::object();
  return r;
}

}  // namespace lfkit::handlers::execution
