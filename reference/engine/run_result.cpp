#include "engine/run_result.hpp"

#include <unordered_map>

namespace lfkit::engine {

using nlohmann::json;

namespace {

bool is_output_type(const std::string& type) {
  return type == "ChatOutput" || type == "TextOutput" || type == "DataOutput";
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool selected(const VertexRun& run, const OutputSelection& selection) {
  if (!selection.output_component.empty())
    return run.id == selection.output_component || run.display_name == selection.output_component;
  if (selection.output_type == "debug") return true;
  if (!is_output_type(run.type)) return false;
  if (selection.output_type == "any") return true;
  return lower(run.id).find(lower(selection.output_type)) != std::string::npos;
}

}  // namespace

json result_data_json(const VertexRun& run, const std::string& session_id) {
  const json& data = run.data;
  json messages = json::array();
  if (run.valid && run.type == "ChatOutput" && !run.result.streamed) {
    if (const Value* v = run.result.output("message"); v && v->message) {
      messages.push_back({{"message", v->message->text},
                          {"sender", v->message->sender},
                          {"sender_name", v->message->sender_name},
                          {"session_id", session_id},
                          {"stream_url", nullptr},
                          {"component_id", run.id},
                          {"files", json::array()},
                          {"type", "message"}});
    }
  }
  return {{"results", data.at("results")}, {"artifacts", data.at("artifacts")},
          {"outputs", data.at("outputs")}, {"logs", data.at("logs")},
          {"messages", messages},          {"timedelta", nullptr},
          {"duration", nullptr},           {"component_display_name", run.display_name},
          {"component_id", run.id},        {"used_frozen_result", run.used_frozen_result}};
}

json build_run_response(const RunOutcome& outcome, const std::optional<std::string>& input_value,
                        const OutputSelection& selection) {
  std::unordered_map<std::string, const VertexRun*> last;
  for (const VertexRun& run : outcome.runs) last[run.id] = &run;
  json outputs = json::array();
  for (const std::string& id : outcome.vertex_order) {
    auto it = last.find(id);
    if (it == last.end() || !selected(*it->second, selection)) continue;
    outputs.push_back(result_data_json(*it->second, outcome.session_id));
  }
  json inputs = input_value ? json{{"input_value", *input_value}} : json::object();
  return {{"session_id", outcome.session_id},
          {"outputs", json::array({{{"inputs", inputs}, {"outputs", outputs}}})}};
}

}  // namespace lfkit::engine
