#include "test_support.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

namespace lfkit::engine::testing {

FlowData load_fixture(const std::string& name) {
  std::ifstream in(std::string(LFKIT_ENGINE_FIXTURES) + "/" + name + ".json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto flow = parse_flow(buffer.str());
  if (!flow) throw std::runtime_error("fixture " + name + ": " + flow.error().message);
  return *flow;
}

void RecordingSink::on_event(std::string_view name, const nlohmann::json& data) {
  std::lock_guard lock(mutex_);
  events_.push_back({std::string(name), data});
}

std::vector<RecordedEvent> RecordingSink::events() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::vector<std::string> RecordingSink::names() const {
  std::vector<std::string> out;
  for (const auto& e : events()) out.push_back(e.name);
  return out;
}

std::vector<std::string> RecordingSink::built_ids() const {
  std::vector<std::string> out;
  for (const auto& e : events())
    if (e.name == "end_vertex") out.push_back(e.data["build_data"]["id"].get<std::string>());
  return out;
}

std::string grammar_violation(const std::vector<RecordedEvent>& events, const Graph* graph) {
  if (events.empty() || events.front().name != "vertices_sorted")
    return "first event is not vertices_sorted";
  size_t terminals = 0;
  std::set<std::string> announced;
  std::unordered_map<std::string, size_t> built_at;
  std::set<std::string> ever_built;
  for (const auto& e : events)
    if (e.name == "end_vertex") ever_built.insert(e.data["build_data"]["id"].get<std::string>());
  for (size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    if (i > 0 && e.name == "vertices_sorted") return "second vertices_sorted";
    if (terminals > 0) return "event after terminal: " + e.name;
    if (e.name == "end" || e.name == "error") ++terminals;
    if (e.name == "add_message") announced.insert(e.data["id"].get<std::string>());
    if (e.name == "token" && !announced.count(e.data["id"].get<std::string>()))
      return "token for an unannounced message";
    if (e.name == "end_vertex") {
      const std::string id = e.data["build_data"]["id"];
      built_at[id] = i;  // last build of the vertex
      if (graph) {
        // every non-feedback predecessor that was built must have been built before
        int64_t v = graph->find(id);
        if (v < 0) return "unknown vertex built: " + id;
        for (uint32_t edge : graph->in_edges(static_cast<VertexIndex>(v))) {
          const GraphEdge& ge = graph->edges()[edge];
          if (ge.feedback) continue;
          const std::string& pred = graph->id(ge.source);
          if (ever_built.count(pred) && !built_at.count(pred))
            return id + " built before its input " + pred;
        }
      }
    }
  }
  if (terminals != 1) return "expected exactly one terminal event";
  return {};
}

}  // namespace lfkit::engine::testing
