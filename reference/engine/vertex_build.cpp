#include "engine/vertex_build.hpp"

#include "engine/duration.hpp"

namespace lfkit::engine {

using nlohmann::json;

namespace {

json error_data(const VertexRun& run) {
  std::string name = run.output_names.empty() ? "output" : run.output_names.front();
  return {{"results", json::object()},
          {"outputs",
           {{name,
             {{"message", {{"errorMessage", run.error}, {"stackTrace", ""}}}, {"type", "error"}}}}},
          {"logs", {{name, json::array()}}},
          {"message", json::object()},
          {"artifacts", json::object()}};
}

json take_or(std::optional<json>& part, const json& fallback) {
  return part ? std::move(*part) : fallback;
}

json success_data(ComponentResult& r) {
  json outputs = json::object(), logs = json::object(), message = json::object();
  for (const auto& [name, value] : r.outputs) {
    outputs[name] = {{"message", value.to_json()}, {"type", value.type_name()}};
    logs[name] = json::array();
    message[name] = {
        {"repr", value.as_text()}, {"raw", value.to_json()}, {"type", value.type_name()}};
  }
  json data = json::object();
  data["results"] = take_or(r.results, json::object());
  data["outputs"] = take_or(r.outputs_json, outputs);
  data["logs"] = std::move(logs);
  data["artifacts"] = take_or(r.artifacts, message);
  data["message"] = take_or(r.message_json, message);
  return data;
}

}  // namespace

void seal_vertex_run(VertexRun& run) {
  json data = run.valid ? success_data(run.result) : error_data(run);
  data["timedelta"] = run.seconds;
  data["duration"] = format_duration(run.seconds);
  data["used_frozen_result"] = run.used_frozen_result;
  run.data = std::move(data);
}

json build_data_json(const VertexRun& run) {
  return {{"id", run.id},
          {"inactivated_vertices", run.inactivated_vertices},
          {"next_vertices_ids", run.next_vertices_ids},
          {"top_level_vertices", run.next_vertices_ids},
          {"valid", run.valid},
          {"params", run.valid ? run.result.params : run.error},
          {"data", run.data},
          {"timestamp", run.timestamp}};
}

}  // namespace lfkit::engine
