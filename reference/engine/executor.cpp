#include "engine/executor.hpp"

#include "common/wait_for_callback.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

#include "common/clock.hpp"
#include "common/uuid.hpp"
#include "engine/tweaks.hpp"
#include "engine/vertex_step_build.hpp"

namespace lfkit::engine {

using nlohmann::json;

namespace {

bool is_input_type(const std::string& type) {
  return type == "ChatInput" || type == "TextInput" || type == "Webhook";
}

// All mutable state of one run; members are guarded by `mutex` unless noted. Owned by whatever
// still works for the run (pool tasks, a model call in flight); the last one to finish
// reports the outcome.
class Run : public std::enable_shared_from_this<Run> {
 public:
  Run(Graph graph_in, SortResult order_in, const ComponentRegistry& registry, ThreadPool& pool,
      const RunServices& services, const RunRequest& request, EventSink& sink, std::stop_token stop,
      std::string session, std::function<void(RunOutcome)> done)
      : graph_storage_(std::move(graph_in)),
        order_storage_(std::move(order_in)),
        graph_(graph_storage_),
        order_(order_storage_),
        registry_(registry),
        pool_(pool),
        services_(services),
        request_(request),
        sink_(sink),
        listening_(sink.listening()),
        stop_(std::move(stop)),
        session_(std::move(session)),
        done_(std::move(done)) {
    const Graph& graph = graph_;
    const SortResult& order = order_;
    const size_t n = graph.size();
    state_.assign(n, State::waiting);
    pending_.assign(n, 0);
    live_.assign(n, false);
    blocked_.assign(n, false);
    outputs_.resize(n);
    loop_state_.assign(n, json::object());
    loop_of_.assign(n, -1);
    loop_outstanding_.assign(n, 0);
    for (VertexIndex v = 0; v < n; ++v) {
      if (!graph.is_loop(v) || !graph.in_cycle(v) || !order.to_run[v]) continue;
      for (VertexIndex b = 0; b < n; ++b)
        if (b != v && order.to_run[b] && graph.component_of(b) == graph.component_of(v))
          loop_of_[b] = static_cast<int64_t>(v);
    }
  }

  // Starts the sources; returns once no vertex is runnable on this thread (the rest runs on
  // the pool or waits on a model). The outcome goes to `done` when the last vertex settles.
  void start() {
    auto self = shared_from_this();  // alive until this thread is done with it
    const size_t n = graph_.size();
    std::vector<VertexIndex> seeds;
    {
      std::lock_guard lock(mutex_);
      for (VertexIndex v = 0; v < n; ++v) {
        if (order_.to_run[v]) pending_[v] = count_pending(v, /*inside_loop_only=*/false);
      }
      for (const auto& layer : order_.layers)
        for (VertexIndex v : layer)
          if (pending_[v] == 0 && loop_of_[v] < 0) seeds.push_back(v);
      // A lone seed runs on this thread (the caller waits anyway): no hand-off.
      if (seeds.size() == 1) {
        state_[seeds[0]] = State::running;
        ++outstanding_;
      } else {
        for (VertexIndex v : seeds) submit(v);
      }
    }
    if (seeds.empty()) return finish();  // nothing to run
    if (seeds.size() == 1) work(seeds[0]);
    run_queued();
  }

 private:
  enum class State { waiting, running, done, inactive, blocked, failed };
  enum class Resolution { live, dead, blocked };

  uint32_t count_pending(VertexIndex v, bool inside_loop_only) const {
    uint32_t count = 0;
    for (uint32_t e : graph_.in_edges(v)) {
      const GraphEdge& edge = graph_.edges()[e];
      if (edge.feedback || !order_.to_run[edge.source]) continue;
      if (inside_loop_only && state_[edge.source] == State::done &&
          loop_of_[edge.source] != loop_of_[v] && static_cast<int64_t>(edge.source) != loop_of_[v])
        continue;  // finished outside producer: its value is still there
      ++count;
    }
    return count;
  }

  // Caller holds mutex_.
  void submit(VertexIndex v) {
    state_[v] = State::running;
    ++outstanding_;
    if (request_.on_caller_thread) {
      queued_.push_back(v);  // run_queued() builds it on the calling thread
      return;
    }
    pool_.submit([self = shared_from_this(), v] { self->work(v); });
  }

  // on_caller_thread runs: builds what submit() queued instead of handing it to the pool,
  // until nothing is left (each build may queue more).
  void run_queued() {
    for (;;) {
      VertexIndex v;
      {
        std::lock_guard lock(mutex_);
        if (queued_.empty()) return;
        v = queued_.front();
        queued_.pop_front();
      }
      work(v);
    }
  }

  std::map<std::string, std::vector<Value>> gather_inputs(VertexIndex v) const {
    std::map<std::string, std::vector<Value>> inputs;
    for (uint32_t e : graph_.in_edges(v)) {
      const GraphEdge& edge = graph_.edges()[e];
      if (edge.feedback || state_[edge.source] != State::done) continue;
      const auto& produced = outputs_[edge.source];
      for (const auto& [name, value] : produced) {
        if (edge.source_output.empty() || name == edge.source_output) {
          inputs[edge.target_field].push_back(value);
          break;
        }
      }
    }
    return inputs;
  }

  void emit(std::string_view name, const json& data) {
    std::lock_guard lock(sink_mutex_);
    sink_.on_event(name, data);
  }

  // Builds `v`, then keeps going on this thread with one of the vertices it made
  // ready (a chain never changes threads); the others go to the pool.
  void work(VertexIndex v) {
    std::optional<VertexIndex> next = v;
    while (next) next = work_one(*next);
  }

  // Builds `v`; a component that waits on the network (build_async) gives this thread back at
  // once and continues on the pool when it resumes.
  std::optional<VertexIndex> work_one(VertexIndex v) {
    std::map<std::string, std::vector<Value>> inputs;
    {
      std::unique_lock lock(mutex_);
      if (stop_.stop_requested() || aborted_) {
        cancelled_ = cancelled_ || stop_.stop_requested();
        state_[v] = State::waiting;
        if (finish_task()) {
          lock.unlock();
          finish();
        }
        return std::nullopt;
      }
      inputs = gather_inputs(v);
    }
    json inputs_json = json::object();
    for (const auto& [field, values] : inputs)
      inputs_json[field] = values.empty() ? json(nullptr) : values.front().to_json();
    const ComponentSpec* spec = registry_.find(graph_.type(v));
    if (spec && spec->build_async) {
      // A build that resumes before start_vertex_run returns (nothing to wait for) goes on
      // here, on this thread; one that resumes later goes on on the pool, off the model's
      // I/O thread (what follows, records and successors, is CPU and store work).
      struct Handoff {
        std::mutex mutex;
        bool returned = false;
        std::optional<VertexRun> run;
      };
      auto handoff = std::make_shared<Handoff>();
      start_vertex_run(registry_, graph_, v, wiring(v, inputs),
                       [self = shared_from_this(), v, inputs_json, handoff](VertexRun run) {
                         {
                           std::lock_guard lock(handoff->mutex);
                           if (!handoff->returned) {
                             handoff->run = std::move(run);
                             return;
                           }
                         }
                         self->pool_.submit([self, v, run = std::move(run), inputs_json] {
                           if (auto next = self->settle(v, VertexRun(run), inputs_json))
                             self->work(*next);
                         });
                       });
      std::optional<VertexRun> resumed;
      {
        std::lock_guard lock(handoff->mutex);
        handoff->returned = true;
        resumed = std::move(handoff->run);
      }
      if (!resumed) return std::nullopt;
      return settle(v, std::move(*resumed), inputs_json);
    }
    VertexRun run = build_vertex_run(registry_, graph_, v, wiring(v, inputs));
    return settle(v, std::move(run), inputs_json);
  }

  // Reports a built vertex and returns the successor this thread builds next, if any.
  std::optional<VertexIndex> settle(VertexIndex v, VertexRun run, const json& inputs_json) {
    std::vector<VertexIndex> ready;
    bool stopping = false;
    {
      std::unique_lock lock(mutex_);
      if (stop_.stop_requested() && !run.valid) {
        cancelled_ = true;  // a cancelled stream is not a component failure
        state_[v] = State::waiting;
        if (finish_task()) {
          lock.unlock();
          finish();
        }
        return std::nullopt;
      }
      ready = complete(v, run);
      stopping = aborted_;
      // Emitted under the state lock: a successor can only start after this vertex's
      // end_vertex, even when another predecessor finishes concurrently.
      if (listening_) emit(event::end_vertex, json{{"build_data", build_data_json(run)}});
    }
    record(run, inputs_json);
    std::unique_lock lock(mutex_);
    total_seconds_ += run.seconds;
    runs_.push_back(std::move(run));
    std::optional<VertexIndex> next;
    if (!stopping && !stop_.stop_requested()) {
      for (VertexIndex r : ready) {
        if (next) {
          submit(r);
          continue;
        }
        state_[r] = State::running;  // counted before v finishes: outstanding_ stays > 0
        ++outstanding_;
        next = r;
      }
    }
    if (finish_task()) {
      lock.unlock();
      finish();
    }
    return next;
  }

  // Caller holds mutex_; true when the run has nothing left: the caller then calls finish()
  // once it has released the lock.
  [[nodiscard]] bool finish_task() { return --outstanding_ == 0; }

  // The terminal event and the outcome, once every vertex has settled.
  void finish() {
    RunOutcome outcome;
    double total_seconds = 0;
    {
      std::lock_guard lock(mutex_);
      outcome.runs = std::move(runs_);
      outcome.session_id = session_;
      if (cancelled_) {
        outcome.status = RunOutcome::Status::cancelled;
      } else if (!first_error_.empty()) {
        outcome.status = RunOutcome::Status::failed;
        outcome.error = first_error_;
      }
      total_seconds = total_seconds_;
    }
    outcome.first_layer = order_.first_layer_ids(graph_);
    outcome.to_run = order_.to_run_ids(graph_);
    for (VertexIndex v = 0; v < graph_.size(); ++v) outcome.vertex_order.push_back(graph_.id(v));
    if (outcome.status == RunOutcome::Status::failed && request_.abort_on_error) {
      outcome.error = "Error running graph: " + outcome.error;
      sink_.on_event(event::error, json{{"error", outcome.error}});
    } else if (outcome.status != RunOutcome::Status::cancelled) {
      sink_.on_event(event::end, request_.end_with_build_duration
                                     ? json{{"build_duration", total_seconds}}
                                     : json::object());
    }
    done_(std::move(outcome));
  }

  // Fills a component's context; called once, before wiring() returns to its caller's caller.
  std::function<void(ComponentContext&)> wiring(VertexIndex v,
                                                std::map<std::string, std::vector<Value>>& inputs) {
    return [this, v, &inputs](ComponentContext& ctx) {
      ctx.inputs = std::move(inputs);
      ctx.session_id = session_;
      ctx.flow_id = request_.flow_id;
      ctx.stream = request_.stream;
      ctx.consumers_stream_live = !graph_.out_edges(v).empty();
      for (uint32_t e : graph_.out_edges(v))
        if (graph_.type(graph_.edges()[e].target) != "ChatOutput")
          ctx.consumers_stream_live = false;
      ctx.stop = stop_;
      ctx.variables = services_.variables;
      ctx.messages = services_.messages;
      ctx.model = services_.model;
      ctx.loop_state = &loop_state_[v];
      ctx.store_message = [this](Message& m) {
        m.id = new_time_ordered_uuid();
        if (m.timestamp == SystemTime{}) m.timestamp = std::chrono::system_clock::now();
        if (services_.messages) services_.messages->add(m);
        if (listening_) emit(event::add_message, m.to_event_json());
      };
      ctx.emit_token = [this](const Message& m, std::string_view chunk) {
        emit(event::token, json{{"chunk", chunk},
                                {"id", m.id},
                                {"timestamp", utc_spaced(std::chrono::system_clock::now())}});
      };
    };
  }

  // Caller holds mutex_. Records the outcome, resolves out-edges and returns what became ready.
  std::vector<VertexIndex> complete(VertexIndex v, VertexRun& run) {
    std::vector<VertexIndex> ready;
    std::vector<std::pair<uint32_t, Resolution>> work;
    const bool is_loop = graph_.is_loop(v) && graph_.in_cycle(v);
    if (!run.valid) {
      state_[v] = State::failed;
      if (first_error_.empty())
        first_error_ = "Error building Component " + run.display_name + ": " + run.error;
      if (request_.abort_on_error) aborted_ = true;
      for (uint32_t e : graph_.out_edges(v)) work.emplace_back(e, Resolution::blocked);
    } else {
      state_[v] = State::done;
      outputs_[v] = run.result.outputs;
      const auto& inactive = run.result.inactive_outputs;
      bool looping =
          is_loop && std::find(inactive.begin(), inactive.end(), "done") != inactive.end();
      if (looping) reset_body(v, ready);
      for (uint32_t e : graph_.out_edges(v)) {
        const GraphEdge& edge = graph_.edges()[e];
        if (edge.feedback) {
          collect_feedback(edge);
          continue;
        }
        bool off =
            std::find(inactive.begin(), inactive.end(), edge.source_output) != inactive.end();
        if (is_loop && off) continue;  // the other branch of a loop is skipped, not killed
        work.emplace_back(e, off ? Resolution::dead : Resolution::live);
      }
    }
    std::vector<std::string> inactivated;
    resolve_all(work, ready, inactivated);
    note_terminal(v, ready);
    for (VertexIndex r : ready) run.next_vertices_ids.push_back(graph_.id(r));
    run.inactivated_vertices = std::move(inactivated);
    return ready;
  }

  void collect_feedback(const GraphEdge& edge) {
    for (const auto& [name, value] : outputs_[edge.source]) {
      if (!edge.source_output.empty() && name != edge.source_output) continue;
      json item = value.kind == Value::Kind::data ? value.data : json{{"text", value.as_text()}};
      loop_state_[edge.target]["aggregated"].push_back(item);
      break;
    }
  }

  // Starts a new iteration: body vertices wait again for the loop's item.
  void reset_body(VertexIndex loop, std::vector<VertexIndex>& ready) {
    uint32_t members = 0;
    for (VertexIndex b = 0; b < graph_.size(); ++b) {
      if (loop_of_[b] != static_cast<int64_t>(loop)) continue;
      ++members;
      state_[b] = State::waiting;
      live_[b] = blocked_[b] = false;
      outputs_[b].clear();
    }
    for (VertexIndex b = 0; b < graph_.size(); ++b)
      if (loop_of_[b] == static_cast<int64_t>(loop)) pending_[b] = count_pending(b, true);
    loop_outstanding_[loop] = members;
    (void)ready;
  }

  void resolve_all(std::vector<std::pair<uint32_t, Resolution>>& work,
                   std::vector<VertexIndex>& ready, std::vector<std::string>& inactivated) {
    while (!work.empty()) {
      auto [e, how] = work.back();
      work.pop_back();
      const GraphEdge& edge = graph_.edges()[e];
      VertexIndex t = edge.target;
      if (edge.feedback || !order_.to_run[t] || state_[t] != State::waiting) continue;
      if (how == Resolution::blocked) blocked_[t] = true;
      if (how == Resolution::live) live_[t] = true;
      if (pending_[t] == 0 || --pending_[t] > 0) continue;
      if (blocked_[t] || !live_[t]) {
        state_[t] = blocked_[t] ? State::blocked : State::inactive;
        if (!blocked_[t]) inactivated.push_back(graph_.id(t));
        Resolution next = blocked_[t] ? Resolution::blocked : Resolution::dead;
        for (uint32_t out : graph_.out_edges(t)) work.emplace_back(out, next);
        note_terminal(t, ready);
      } else {
        ready.push_back(t);
      }
    }
  }

  // A body vertex settled: when the whole body has, the loop runs again.
  void note_terminal(VertexIndex v, std::vector<VertexIndex>& ready) {
    int64_t loop = loop_of_[v];
    if (loop < 0 || state_[v] == State::waiting || state_[v] == State::running) return;
    if (loop_outstanding_[loop] > 0 && --loop_outstanding_[loop] == 0 &&
        state_[loop] == State::done)
      ready.push_back(static_cast<VertexIndex>(loop));
  }

  void record(const VertexRun& run, const json& inputs) {
    if (!services_.recorder) return;
    record_vertex_run(*services_.recorder, run, inputs,
                      {request_.flow_id, request_.job_id, request_.log_builds});
  }

  const Graph graph_storage_;
  const SortResult order_storage_;
  const Graph& graph_;
  const SortResult& order_;
  const ComponentRegistry& registry_;
  ThreadPool& pool_;
  const RunServices services_;
  const RunRequest request_;
  EventSink& sink_;
  const bool listening_;  // false: event payloads are not even built
  std::stop_token stop_;
  std::string session_;
  std::function<void(RunOutcome)> done_;

  std::mutex mutex_, sink_mutex_;
  std::deque<VertexIndex> queued_;  // on_caller_thread: submitted, not yet built
  std::vector<State> state_;
  std::vector<uint32_t> pending_;
  std::vector<bool> live_, blocked_;
  std::vector<std::vector<std::pair<std::string, Value>>> outputs_;
  std::vector<json> loop_state_;
  std::vector<int64_t> loop_of_;
  std::vector<uint32_t> loop_outstanding_;
  std::vector<VertexRun> runs_;
  size_t outstanding_ = 0;
  bool aborted_ = false, cancelled_ = false;
  std::string first_error_;
  double total_seconds_ = 0;
};

}  // namespace

json error_message_payload(const std::string& text, const std::string& flow_id,
                           const std::string& session_id) {
  Message m;
  m.id = new_time_ordered_uuid();
  m.text = text;
  m.sender = "Machine";
  m.sender_name = "AI";
  m.session_id = session_id;
  m.flow_id = flow_id;
  m.category = "error";
  m.error = true;
  m.icon = "error";
  m.timestamp = std::chrono::system_clock::now();
  json out = m.to_event_json();
  out["properties"]["text_color"] = "red";
  out["properties"]["background_color"] = "red";
  out["content_blocks"] = json::array(
      {{{"title", "Error"},
        {"contents",
         json::array(
             {{{"type", "error"}, {"component", nullptr}, {"reason", text}, {"field", nullptr}}})},
        {"allow_markdown", true},
        {"media_url", nullptr}}});
  return out;
}

void inject_input(FlowData& flow, const std::string& input_value, const std::string& input_type,
                  const std::vector<std::string>& components) {
  for (FlowNode& node : flow.nodes) {
    bool match = input_type == "chat"   ? node.type == "ChatInput"
                 : input_type == "text" ? node.type == "TextInput"
                                        : is_input_type(node.type);
    if (!match) continue;
    if (!components.empty() &&
        std::find(components.begin(), components.end(), node.id) == components.end() &&
        std::find(components.begin(), components.end(), node.display_name) == components.end())
      continue;
    set_field_value(node, node.type == "Webhook" ? "data" : "input_value", input_value);
  }
}

void Executor::start(const FlowData& flow_in, const RunRequest& request, EventSink& sink,
                     std::stop_token stop, std::function<void(RunOutcome)> done) const {
  const std::string session = request.session_id.value_or(request.flow_id);
  auto fail = [&](const std::string& message) {
    RunOutcome outcome;
    outcome.status = RunOutcome::Status::failed;
    outcome.error = message;
    outcome.session_id = session;
    sink.on_event(event::error, request.abort_on_error
                                    ? json{{"error", message}}
                                    : error_message_payload(message, request.flow_id, session));
    done(std::move(outcome));
  };

  FlowData flow = flow_in;
  json tweaks = request.tweaks.is_object() ? request.tweaks : json::object();
  if (!tweaks.contains("stream")) tweaks["stream"] = request.stream;
  apply_tweaks(flow, tweaks);
  if (request.input_value)
    inject_input(flow, *request.input_value, request.input_type, request.input_components);

  auto graph = Graph::build(std::move(flow));
  if (!graph) return fail(graph.error().message);
  auto order = sort_vertices(*graph, request.sort);
  if (!order) return fail(order.error().message);

  sink.on_event(event::vertices_sorted, json{{"ids", order->first_layer_ids(*graph)},
                                             {"to_run", order->to_run_ids(*graph)}});
  if (request.emit_build_start) sink.on_event(event::build_start, json::object());

  auto run =
      std::make_shared<Run>(std::move(*graph), std::move(*order), registry_, pool_, services_,
                            request, sink, std::move(stop), session, std::move(done));
  run->start();
}

RunOutcome Executor::run(const FlowData& flow, const RunRequest& request, EventSink& sink,
                         std::stop_token stop) const {
  return wait_for_callback<RunOutcome>(
      [&](auto done) { start(flow, request, sink, std::move(stop), std::move(done)); });
}

}  // namespace lfkit::engine
