// Runs a flow: tweaks + input injection, load, sort, then the vertices on a bounded
// thread pool (a vertex starts as soon as all its inputs are resolved), reporting
// every step through an EventSink with upstream's payloads.
#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/events.hpp"
#include "engine/flow_model.hpp"
#include "engine/registry.hpp"
#include "engine/services.hpp"
#include "engine/sorter.hpp"
#include "engine/thread_pool.hpp"
#include "engine/vertex_build.hpp"

namespace lfkit::engine {

struct RunRequest {
  std::string flow_id;                    // stamped on messages; default session id
  std::string job_id;                     // /build job, recorded with vertex builds
  std::optional<std::string> session_id;  // defaults to flow_id (upstream)
  std::optional<std::string> input_value;
  std::string input_type = "chat";            // chat | text | any
  std::vector<std::string> input_components;  // restrict injection (ids or display names)
  nlohmann::json tweaks;                      // object or null
  bool stream = false;                        // the run's stream flag (global "stream" tweak)
  SortOptions sort;                           // start/stop component
  // /run semantics: the first vertex failure aborts the run with an `error` event
  // ({"error": "..."}). /build semantics (false): the failed vertex reports valid:false,
  // its descendants are skipped and the stream ends with `end`.
  bool abort_on_error = false;
  bool log_builds = true;
  bool emit_build_start = false;         // newer upstream versions only
  bool end_with_build_duration = false;  // newer: end = {"build_duration": seconds}
  // Every vertex runs on the calling thread, one at a time, never on the pool: for a quick
  // flow (is_quick_flow) run by a thread that must not wait on the pool (an I/O thread).
  bool on_caller_thread = false;
};

struct RunServices {
  MessageStore* messages = nullptr;       // null: messages are announced, not stored
  RunRecorder* recorder = nullptr;        // null: no vertex_build/transaction rows
  VariableResolver* variables = nullptr;  // null: load_from_db fields fail to resolve
  LanguageModel* model = nullptr;         // null: EchoLanguageModel
};

struct RunOutcome {
  enum class Status { completed, failed, cancelled };
  Status status = Status::completed;
  std::string error;                      // failed: the first error (graph or vertex)
  std::string session_id;                 // the session actually used
  std::vector<VertexRun> runs;            // completion order; loops appear per iteration
  std::vector<std::string> vertex_order;  // every vertex id, flow order
  std::vector<std::string> first_layer, to_run;
};

class Executor {
 public:
  Executor(const ComponentRegistry& registry, ThreadPool& pool, RunServices services = {})
      : registry_(registry), pool_(pool), services_(services) {}

  // Starts the run and returns without waiting for it: vertices build on the pool, and a
  // vertex waiting on a model (an asynchronous component) holds no thread while it waits.
  // `done` gets the outcome, after the terminal event, on the thread that settled the last
  // vertex (possibly this one, before start returns). `sink` and the services must outlive
  // the run, i.e. stay valid until `done` is called. Cancellation (stop) is checked before
  // each vertex and between streamed tokens; a cancelled run emits no terminal event.
  void start(const FlowData& flow, const RunRequest& request, EventSink& sink, std::stop_token stop,
             std::function<void(RunOutcome)> done) const;
  // start(), then waits for the outcome on this thread.
  RunOutcome run(const FlowData& flow, const RunRequest& request, EventSink& sink,
                 std::stop_token stop = {}) const;

 private:
  const ComponentRegistry& registry_;
  ThreadPool& pool_;
  RunServices services_;
};

// The `error` event payload of /build for a graph-level failure: an ErrorMessage
// dump (category "error", red text, an "Error" content block with the reason).
nlohmann::json error_message_payload(const std::string& text, const std::string& flow_id,
                                     const std::string& session_id);

// Puts input_value into the matching input vertices (chat: ChatInput, text: TextInput,
// any: every input vertex), optionally restricted to `components`.
void inject_input(FlowData& flow, const std::string& input_value, const std::string& input_type,
                  const std::vector<std::string>& components = {});

}  // namespace lfkit::engine
