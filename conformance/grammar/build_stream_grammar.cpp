#include "conformance/grammar/build_stream_grammar.hpp"

namespace lfkit::conformance {
namespace {

std::set<std::string> string_set(const nlohmann::json& value) {
  std::set<std::string> out;
  if (!value.is_array()) return out;
  for (const auto& item : value) {
    if (item.is_string()) out.insert(item.get<std::string>());
  }
  return out;
}

bool is_string_array(const nlohmann::json& value) {
  if (!value.is_array()) return false;
  for (const auto& item : value) {
    if (!item.is_string()) return false;
  }
  return true;
}

}  // namespace

BuildStreamGrammar::BuildStreamGrammar(Options options) : options_(std::move(options)) {
  for (const auto& [source, target] : options_.edges) {
    if (source != target) predecessors_[target].push_back(source);
  }
}

void BuildStreamGrammar::fail(std::string rule, std::string message) {
  violations_.push_back({index_, std::move(rule), std::move(message)});
}

void BuildStreamGrammar::on_event(const StreamEvent& event) {
  if (!event.parsed) {
    fail("frame-not-json", "frame is not valid JSON: " + event.raw.substr(0, 120));
  } else if (state_ == State::terminated) {
    const bool extra_end = event.name == "end" && options_.tolerate_repeated_end;
    if (!extra_end) fail("after-terminal", "event '" + event.name + "' after the terminal event");
  } else if (state_ == State::expect_vertices_sorted) {
    if (event.name != "vertices_sorted") {
      fail("vertices-sorted-first",
           "first event is '" + event.name + "', expected vertices_sorted");
      state_ = State::building;  // keep checking the rest
      if (event.name == "end" || event.name == "error") state_ = State::terminated;
    } else {
      on_vertices_sorted(event);
    }
  } else if (event.name == "vertices_sorted") {
    fail("vertices-sorted-once", "a second vertices_sorted event");
  } else if (event.name == "build_start") {
    if (saw_build_start_ || !ended_.empty()) {
      fail("build-start-position", "build_start repeated or after a vertex ended");
    }
    saw_build_start_ = true;
  } else if (event.name == "end_vertex") {
    on_end_vertex(event);
  } else if (event.name == "add_message") {
    on_add_message(event);
  } else if (event.name == "token") {
    on_token(event);
  } else if (event.name == "end" || event.name == "error") {
    if (!event.data.is_object()) fail("terminal-payload", event.name + " data is not an object");
    state_ = State::terminated;
  } else if (event.name != "remove_message" && event.name != "build_end" && event.name != "log") {
    fail("unknown-event", "unknown build event '" + event.name + "'");
  }
  ++index_;
}

void BuildStreamGrammar::on_vertices_sorted(const StreamEvent& event) {
  state_ = State::building;
  const auto& d = event.data;
  if (!d.is_object() || !is_string_array(d.value("ids", nlohmann::json())) ||
      !is_string_array(d.value("to_run", nlohmann::json()))) {
    fail("vertices-sorted-shape", "vertices_sorted data must be {ids: [str], to_run: [str]}");
    return;
  }
  to_run_ = string_set(d["to_run"]);
  for (const auto& id : string_set(d["ids"])) {
    if (!to_run_.empty() && !to_run_.contains(id)) {
      fail("vertices-sorted-ids", "first-layer id '" + id + "' is not in to_run");
    }
  }
}

void BuildStreamGrammar::on_end_vertex(const StreamEvent& event) {
  const auto* build = event.data.is_object() && event.data.contains("build_data")
                          ? &event.data["build_data"]
                          : nullptr;
  if (!build || !build->is_object() || !build->contains("id") || !(*build)["id"].is_string()) {
    fail("end-vertex-shape", "end_vertex data must be {build_data: {id: str, ...}}");
    return;
  }
  const auto id = (*build)["id"].get<std::string>();
  if (!to_run_.empty() && !to_run_.contains(id)) {
    fail("end-vertex-announced", "vertex '" + id + "' ended but is not in to_run");
  }
  if (ended_.contains(id)) {
    if (!options_.allow_vertex_repeats) fail("end-vertex-once", "vertex '" + id + "' ended twice");
    return;
  }
  if (!options_.allow_vertex_repeats) {
    auto it = predecessors_.find(id);
    if (it != predecessors_.end()) {
      for (const auto& pred : it->second) {
        const bool scheduled = to_run_.empty() || to_run_.contains(pred);
        if (scheduled && !ended_.contains(pred)) {
          fail("topological-order",
               "vertex '" + id + "' ended before its predecessor '" + pred + "'");
        }
      }
    }
  }
  ended_.insert(id);
  ended_order_.push_back(id);
}

void BuildStreamGrammar::on_add_message(const StreamEvent& event) {
  if (!event.data.is_object()) {
    fail("add-message-shape", "add_message data is not an object");
    return;
  }
  if (event.data.contains("id") && event.data["id"].is_string()) {
    announced_messages_.insert(event.data["id"].get<std::string>());
  }
}

void BuildStreamGrammar::on_token(const StreamEvent& event) {
  const auto& d = event.data;
  if (!d.is_object() || !d.contains("id") || !d["id"].is_string() || !d.contains("chunk")) {
    fail("token-shape", "token data must be {chunk, id: str, ...}");
    return;
  }
  if (!announced_messages_.contains(d["id"].get<std::string>())) {
    fail("token-unannounced",
         "token for message '" + d["id"].get<std::string>() + "' that no add_message announced");
  }
}

void BuildStreamGrammar::finish() {
  if (state_ == State::expect_vertices_sorted) {
    fail("empty-stream", "stream ended without any event");
  } else if (state_ != State::terminated) {
    fail("terminal-missing", "stream ended without an end or error event");
  }
}

}  // namespace lfkit::conformance
