#include "engine/vertex_step.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "common/uuid.hpp"
#include "engine/tweaks.hpp"
#include "engine/vertex_step_build.hpp"

namespace lfkit::engine {

using nlohmann::json;

namespace {

bool is_interface(const std::string& type) {
  static const char* const kTypes[] = {"ChatInput",  "ChatOutput", "TextInput",
                                       "TextOutput", "DataOutput", "Webhook"};
  return std::any_of(std::begin(kTypes), std::end(kTypes),
                     [&](const char* t) { return type == t; });
}

bool streams(const FlowNode& node) {
  for (const char* name : {"stream", "streaming"}) {
    const json* field = node.field(name);
    if (!field || !field->is_object()) continue;
    auto value = field->find("value");
    if (value != field->end() && value->is_boolean() && value->get<bool>()) return true;
  }
  return false;
}

// Graph.validate_stream: two connected streaming vertices cannot both stream.
std::optional<std::string> stream_conflict(const Graph& graph) {
  for (VertexIndex v = 0; v < graph.size(); ++v) {
    if (!streams(graph.node(v))) continue;
    std::vector<bool> seen(graph.size(), false);
    std::vector<VertexIndex> todo = graph.successors(v);
    while (!todo.empty()) {
      VertexIndex s = todo.back();
      todo.pop_back();
      if (seen[s]) continue;
      seen[s] = true;
      if (s != v && streams(graph.node(s)))
        return "Components " + graph.node(v).display_name + " and " + graph.node(s).display_name +
               " are connected and both have stream or streaming set to True";
      for (VertexIndex next : graph.successors(s)) todo.push_back(next);
    }
  }
  return std::nullopt;
}

}  // namespace

Expected<VertexStepper, std::string> VertexStepper::prepare(FlowData flow,
                                                            const SortOptions& options) {
  const bool has_start = options.start_component_id && !options.start_component_id->empty();
  const bool has_stop = options.stop_component_id && !options.stop_component_id->empty();
  if (has_start && has_stop)
    return unexpected(
        std::string("You can only provide one of stop_component_id or start_component_id"));
  auto graph = Graph::build(std::move(flow));
  if (!graph) return unexpected(graph.error().message);
  if (auto conflict = stream_conflict(*graph)) return unexpected(*conflict);
  auto order = sort_vertices(*graph, options);
  std::optional<VertexIndex> stop;
  if (order && has_stop) {
    int64_t v = graph->find(*options.stop_component_id);
    if (v >= 0 && !graph->in_cycle(static_cast<VertexIndex>(v))) stop = static_cast<VertexIndex>(v);
  }
  if (!order && (has_start || has_stop)) order = sort_vertices(*graph);  // upstream falls back
  if (!order) return unexpected(order.error().message);
  return VertexStepper(std::move(*graph), std::move(*order), stop);
}

std::vector<std::string> VertexStepper::first_layer() const {
  std::vector<std::string> ids = order_.first_layer_ids(graph_);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::vector<std::string> VertexStepper::vertices_to_run() const {
  return order_.to_run_ids(graph_);
}

bool VertexStepper::settled(VertexIndex v) const {
  return !counts(v) || state_[v] == State::done || state_[v] == State::inactive;
}

// An edge carries a value: its source is built and did not switch that output off.
bool VertexStepper::edge_live(const GraphEdge& edge) const {
  if (state_[edge.source] != State::done) return false;
  const auto& off = inactive_outputs_[edge.source];
  return std::find(off.begin(), off.end(), edge.source_output) == off.end();
}

bool VertexStepper::runnable(VertexIndex v) const {
  if (!counts(v) || state_[v] != State::waiting) return false;
  bool live = graph_.in_edges(v).empty();
  for (uint32_t e : graph_.in_edges(v)) {
    const GraphEdge& edge = graph_.edges()[e];
    if (edge.feedback) continue;
    if (!settled(edge.source)) return false;
    live = live || edge_live(edge);
  }
  return live;
}

// Upstream's Vertex._get_result: an input whose producer is not built fails the build.
std::optional<std::string> VertexStepper::unbuilt_input(VertexIndex v) const {
  for (uint32_t e : graph_.in_edges(v)) {
    const GraphEdge& edge = graph_.edges()[e];
    State s = state_[edge.source];
    if (edge.feedback || s == State::done || s == State::inactive) continue;
    return "Component " + graph_.node(edge.source).display_name + " has not been built yet";
  }
  return std::nullopt;
}

std::map<std::string, std::vector<Value>> VertexStepper::gather_inputs(VertexIndex v) const {
  std::map<std::string, std::vector<Value>> inputs;
  for (uint32_t e : graph_.in_edges(v)) {
    const GraphEdge& edge = graph_.edges()[e];
    if (edge.feedback || state_[edge.source] != State::done) continue;
    for (const auto& [name, value] : outputs_[edge.source]) {
      if (edge.source_output.empty() || name == edge.source_output) {
        inputs[edge.target_field].push_back(value);
        break;
      }
    }
  }
  return inputs;
}

// After `v` is built: each waiting successor whose inputs are all settled either
// becomes runnable or, with no live input left, inactive (which settles its own
// successors in turn). A successor still waiting on another input points the client
// at that input's runnable producers instead (find_runnable_predecessors_for_successor).
void VertexStepper::settle_successors(VertexIndex v, std::vector<VertexIndex>& next,
                                      std::vector<std::string>& inactivated) {
  std::vector<VertexIndex> todo{v};
  std::vector<bool> seen(graph_.size(), false);
  while (!todo.empty()) {
    VertexIndex from = todo.back();
    todo.pop_back();
    for (uint32_t e : graph_.out_edges(from)) {
      const GraphEdge& edge = graph_.edges()[e];
      VertexIndex t = edge.target;
      if (edge.feedback || !counts(t) || state_[t] != State::waiting) continue;
      bool all_settled = true, live = false;
      for (uint32_t in : graph_.in_edges(t)) {
        const GraphEdge& input = graph_.edges()[in];
        if (input.feedback) continue;
        all_settled = all_settled && settled(input.source);
        live = live || edge_live(input);
      }
      if (!all_settled) {
        runnable_predecessors(t, seen, next);
      } else if (live) {
        next.push_back(t);
      } else {
        state_[t] = State::inactive;
        inactivated.push_back(graph_.id(t));
        todo.push_back(t);
      }
    }
  }
}

void VertexStepper::runnable_predecessors(VertexIndex v, std::vector<bool>& seen,
                                          std::vector<VertexIndex>& next) const {
  for (VertexIndex p : graph_.predecessors(v)) {
    if (seen[p] || settled(p)) continue;
    seen[p] = true;
    if (runnable(p))
      next.push_back(p);
    else
      runnable_predecessors(p, seen, next);
  }
}

Expected<StepOutcome, std::string> VertexStepper::build(const std::string& vertex_id,
                                                        const StepInputs& request,
                                                        const ComponentRegistry& registry,
                                                        const RunServices& services) {
  int64_t found = graph_.find(vertex_id);
  if (found < 0) return unexpected("Vertex " + vertex_id + " not found");
  const auto v = static_cast<VertexIndex>(found);
  FlowNode& node = graph_.node(v);
  if (node.type == "ChatInput") {  // upstream applies inputs to the chat input only
    if (request.input_value) set_field_value(node, "input_value", *request.input_value);
    if (request.files) set_field_value(node, "files", *request.files);
  }
  StepOutcome outcome;
  auto inputs = gather_inputs(v);
  for (const auto& [field, values] : inputs)
    outcome.inputs[field] = values.empty() ? json(nullptr) : values.front().to_json();
  if (auto missing = unbuilt_input(v)) {
    outcome.run = failed_vertex_run(graph_, v, *missing);
  } else {
    outcome.run = build_vertex_run(registry, graph_, v, [&](ComponentContext& ctx) {
      ctx.inputs = std::move(inputs);
      ctx.session_id = request.session_id;
      ctx.flow_id = request.flow_id;
      ctx.stream = false;  // no live tokens here: the stream route replays the result
      ctx.variables = services.variables;
      ctx.messages = services.messages;
      ctx.model = services.model;
      ctx.loop_state = &loop_state_[v];
      ctx.store_message = [&services](Message& m) {
        m.id = new_time_ordered_uuid();
        if (m.timestamp == SystemTime{}) m.timestamp = std::chrono::system_clock::now();
        if (services.messages) services.messages->add(m);
      };
      ctx.emit_token = [](const Message&, std::string_view) {};
    });
  }
  VertexRun& run = outcome.run;
  if (!run.valid) {
    state_[v] = State::failed;  // its successors never become runnable
  } else {
    state_[v] = State::done;
    outputs_[v] = run.result.outputs;
    inactive_outputs_[v] = run.result.inactive_outputs;
    std::vector<VertexIndex> next;
    settle_successors(v, next, run.inactivated_vertices);
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    for (VertexIndex n : next) state_[n] = State::announced;
    // A requested stop vertex, once runnable, is the only thing left to build.
    if (stop_ && std::find(next.begin(), next.end(), *stop_) != next.end()) next = {*stop_};
    for (VertexIndex n : next) run.next_vertices_ids.push_back(graph_.id(n));
    std::sort(run.next_vertices_ids.begin(), run.next_vertices_ids.end());
  }
  if (services.recorder)
    record_vertex_run(*services.recorder, run, outcome.inputs, {request.flow_id, {}, true});
  return outcome;
}

std::optional<StreamView> VertexStepper::stream_view(const std::string& vertex_id) const {
  int64_t found = graph_.find(vertex_id);
  if (found < 0) return std::nullopt;
  const auto v = static_cast<VertexIndex>(found);
  StreamView view;
  view.interface = is_interface(graph_.node(v).type);
  view.frozen = graph_.node(v).frozen;
  view.built = state_[v] == State::done;
  if (view.built && !outputs_[v].empty()) view.text = outputs_[v].front().second.as_text();
  return view;
}

}  // namespace lfkit::engine
