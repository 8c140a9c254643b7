#include "engine/run_result.hpp"

#include <string_view>
#include <unordered_map>

#include "common/json_text.hpp"

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

// One ResultData entry, spliced from the vertex's sealed data.
void append_result_data(std::string& out, const VertexRun& run, const std::string& session_id) {
  JsonObjectWriter o(out);
  o.key("artifacts").append(run.data.artifacts);
  append_json_string(o.key("component_display_name"), run.display_name);
  append_json_string(o.key("component_id"), run.id);
  o.key("duration").append("null");
  o.key("logs").append(run.data.logs);
  std::string& messages = o.key("messages");
  messages.push_back('[');
  if (run.valid && run.type == "ChatOutput" && !run.result.streamed) {
    if (const Value* v = run.result.output("message"); v && v->message) {
      JsonObjectWriter m(messages);
      append_json_string(m.key("component_id"), run.id);
      m.key("files").append("[]");
      append_json_string(m.key("message"), v->message->text);
      append_json_string(m.key("sender"), v->message->sender);
      append_json_string(m.key("sender_name"), v->message->sender_name);
      append_json_string(m.key("session_id"), session_id);
      m.key("stream_url").append("null");
      m.key("type").append("\"message\"");
    }
  }
  messages.push_back(']');
  o.key("outputs").append(run.data.outputs);
  o.key("results").append(run.data.results);
  o.key("timedelta").append("null");
  append_json_bool(o.key("used_frozen_result"), run.used_frozen_result);
}

}  // namespace

std::string run_response_text(const RunOutcome& outcome,
                              const std::optional<std::string>& input_value,
                              const OutputSelection& selection) {
  std::unordered_map<std::string_view, const VertexRun*> last;
  for (const VertexRun& run : outcome.runs) last[run.id] = &run;
  std::string out;
  out.reserve(4096);
  {
    JsonObjectWriter response(out);
    std::string& runs = response.key("outputs");
    runs.push_back('[');
    {
      JsonObjectWriter run_output(runs);
      std::string& inputs = run_output.key("inputs");
      if (input_value) {
        JsonObjectWriter in(inputs);
        append_json_string(in.key("input_value"), *input_value);
      } else {
        inputs.append("{}");
      }
      std::string& outputs = run_output.key("outputs");
      outputs.push_back('[');
      bool first = true;
      for (const std::string& id : outcome.vertex_order) {
        auto it = last.find(id);
        if (it == last.end() || !selected(*it->second, selection)) continue;
        if (!first) outputs.push_back(',');
        first = false;
        append_result_data(outputs, *it->second, outcome.session_id);
      }
      outputs.push_back(']');
    }
    runs.push_back(']');
    append_json_string(response.key("session_id"), outcome.session_id);
  }  // closed before `out` is returned
  return out;
}

json build_run_response(const RunOutcome& outcome, const std::optional<std::string>& input_value,
                        const OutputSelection& selection) {
  return json::parse(run_response_text(outcome, input_value, selection));
}

}  // namespace lfkit::engine
