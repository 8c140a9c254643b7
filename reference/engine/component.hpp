// The contract between the executor and a native component implementation.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/expected.hpp"
#include "engine/flow_model.hpp"
#include "engine/services.hpp"
#include "engine/value.hpp"

namespace lfkit::engine {

// Everything a component may see or do while it builds.
class ComponentContext {
 public:
  const FlowNode& node;
  std::map<std::string, std::vector<Value>> inputs;  // by target field, one per incoming edge
  std::string session_id;
  std::string flow_id;
  bool stream = false;  // the run's stream flag (upstream's global "stream" tweak)
  // Every consumer of this vertex is a Chat Output, which can forward a model's tokens while
  // they arrive (so a streamed model may finish its build at the first token).
  bool consumers_stream_live = false;
  std::stop_token stop;
  VariableResolver* variables = nullptr;
  MessageStore* messages = nullptr;
  LanguageModel* model = nullptr;
  // Persists the message (assigning id/timestamp) and emits add_message.
  std::function<void(Message&)> store_message;
  // Emits one token event for a stored message.
  std::function<void(const Message&, std::string_view chunk)> emit_token;
  // Loop components keep their iteration state here between runs.
  nlohmann::json* loop_state = nullptr;

  ComponentContext(const FlowNode& n) : node(n) {}

  bool connected(const std::string& field) const { return inputs.count(field) > 0; }
  const Value* input(const std::string& field) const;
  // A template field's value, with load_from_db variables resolved.
  Expected<nlohmann::json, std::string> param(const std::string& field) const;
  // The connected input's text, else the template value as text ("" when absent).
  Expected<std::string, std::string> text(const std::string& field) const;
  // text(), or `fallback` when the field is empty or cannot be resolved.
  std::string text_or(const std::string& field, const std::string& fallback = {}) const;
  bool flag(const std::string& field, bool fallback) const;
  // A numeric template field (exports carry numbers, sometimes as strings); nullopt when unset
  // or not a number.
  std::optional<double> number(const std::string& field) const;
};

// The whole of `text` as a number ("1.5", "-2"); nullopt for anything else.
std::optional<double> parse_number(const std::string& text);

// What a build produced, in the pieces upstream reports.
struct ComponentResult {
  std::vector<std::pair<std::string, Value>> outputs;  // by output name, declaration order
  std::vector<std::string> inactive_outputs;           // branches to exclude (router, loop)
  // build_data.data members as JSON text, set by components that report their own shapes
  // (ChatInput/ChatOutput, models); the others are derived from `outputs`.
  std::optional<std::string> results_text, artifacts_text, outputs_text, message_text;
  std::string params = "None";  // build_data.params
  bool streamed = false;        // a streamed ChatOutput (artifacts type "stream")

  const Value* output(const std::string& name) const {
    for (const auto& [n, v] : outputs)
      if (n == name) return &v;
    return nullptr;
  }
};

using BuildFunction = std::function<Expected<ComponentResult, std::string>(ComponentContext&)>;

// A build that waits on the outside world (a model call) without holding a thread: it starts
// the work and returns; `resume` is then called exactly once, from any thread, with what the
// build produced. The context it is given stays alive until then.
using ResumeBuild = std::function<void(Expected<ComponentResult, std::string>)>;
using AsyncBuildFunction = std::function<void(std::shared_ptr<ComponentContext>, ResumeBuild)>;

}  // namespace lfkit::engine
