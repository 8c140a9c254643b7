#include "engine/vertex_build.hpp"

#include "common/json_text.hpp"
#include "engine/duration.hpp"

namespace lfkit::engine {

using nlohmann::json;

namespace {

std::string text_of(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

VertexDataText error_data(const VertexRun& run) {
  const std::string name = run.output_names.empty() ? "output" : run.output_names.front();
  VertexDataText d;
  d.results = "{}";
  d.outputs = text_of(
      {{name,
        {{"message", {{"errorMessage", run.error}, {"stackTrace", ""}}}, {"type", "error"}}}});
  d.logs = text_of({{name, json::array()}});
  d.message = "{}";
  d.artifacts = "{}";
  return d;
}

std::string take_or(std::optional<std::string>& text, const std::string& fallback) {
  return text ? std::move(*text) : fallback;
}

// Members the component did not write itself are derived from its output values.
VertexDataText success_data(ComponentResult& r) {
  const bool own_outputs = r.outputs_text.has_value();
  const bool own_message = r.message_text && r.artifacts_text;
  json outputs = json::object(), logs = json::object(), message = json::object();
  for (const auto& [name, value] : r.outputs) {
    logs[name] = json::array();
    if (!own_outputs) outputs[name] = {{"message", value.to_json()}, {"type", value.type_name()}};
    if (!own_message)
      message[name] = {
          {"repr", value.as_text()}, {"raw", value.to_json()}, {"type", value.type_name()}};
  }
  const std::string message_text = own_message ? std::string() : text_of(message);
  VertexDataText d;
  d.results = take_or(r.results_text, "{}");
  d.outputs = own_outputs ? std::move(*r.outputs_text) : text_of(outputs);
  d.logs = text_of(logs);
  d.artifacts = take_or(r.artifacts_text, message_text);
  d.message = take_or(r.message_text, message_text);
  return d;
}

}  // namespace

void seal_vertex_run(VertexRun& run) {
  run.data = run.valid ? success_data(run.result) : error_data(run);
}

std::string vertex_data_text(const VertexRun& run) {
  std::string out;
  out.reserve(run.data.results.size() + run.data.outputs.size() + run.data.logs.size() +
              run.data.message.size() + run.data.artifacts.size() + 160);
  {
    JsonObjectWriter o(out);
    o.key("artifacts").append(run.data.artifacts);
    append_json_string(o.key("duration"), format_duration(run.seconds));
    o.key("logs").append(run.data.logs);
    o.key("message").append(run.data.message);
    o.key("outputs").append(run.data.outputs);
    o.key("results").append(run.data.results);
    o.key("timedelta").append(json(run.seconds).dump());
    append_json_bool(o.key("used_frozen_result"), run.used_frozen_result);
  }  // closed before `out` is returned
  return out;
}

json vertex_data_json(const VertexRun& run) {
  return json::parse(vertex_data_text(run));
}

json build_data_json(const VertexRun& run) {
  return {{"id", run.id},
          {"inactivated_vertices", run.inactivated_vertices},
          {"next_vertices_ids", run.next_vertices_ids},
          {"top_level_vertices", run.next_vertices_ids},
          {"valid", run.valid},
          {"params", run.valid ? run.result.params : run.error},
          {"data", vertex_data_json(run)},
          {"timestamp", run.timestamp}};
}

}  // namespace lfkit::engine
