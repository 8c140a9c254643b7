// What the engine needs from the outside world, as abstract interfaces. The store
// module implements the persistent ones; in_memory_services.hpp has test doubles.
#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/expected.hpp"
#include "engine/message.hpp"

namespace lfkit::engine {

// Chat history (upstream's message table).
class MessageStore {
 public:
  virtual ~MessageStore() = default;
  virtual void add(const Message& message) = 0;
  virtual void update(const Message& message) = 0;  // same id, e.g. text after streaming
  // Newest `limit` messages of a session in chronological order (limit 0 = all),
  // optionally only those from `sender` ("User"/"Machine").
  virtual std::vector<Message> history(const std::string& session_id, size_t limit,
                                       const std::string& sender = {}) = 0;
};

struct VertexBuildRecord {
  std::string build_id;  // uuid4
  std::string vertex_id;
  std::string flow_id;
  std::string job_id;  // empty outside /build
  std::string timestamp;
  bool valid = true;
  std::string params;
  std::string data_json;  // serialized once by the engine, stored as is
  std::string artifacts_json;
};

struct TransactionRecord {
  std::string id;  // uuid4
  std::string timestamp;
  std::string vertex_id;
  std::optional<std::string> target_id;
  std::string inputs_json;  // serialized once by the engine, stored as is
  std::string outputs_json;
  std::string status;  // "success" | "error"
  std::optional<std::string> error;
  std::string flow_id;
};

// Run history (upstream's vertex_build and transaction tables).
class RunRecorder {
 public:
  virtual ~RunRecorder() = default;
  virtual void record_vertex_build(VertexBuildRecord record) = 0;
  virtual void record_transaction(TransactionRecord record) = 0;
};

// Global variables: the caller layers X-LANGFLOW-GLOBAL-VAR-* request variables over
// the user's stored variables.
class VariableResolver {
 public:
  virtual ~VariableResolver() = default;
  virtual std::optional<std::string> lookup(const std::string& name) = 0;
};

struct LanguageModelRequest {
  std::string model_type;  // component type, e.g. "OpenAIModel"
  std::string model_name;  // template model_name, may be empty
  std::string system_message;
  std::string input;
  double temperature = 0.1;
  std::optional<int64_t> max_tokens;
  // The component's own endpoint and key (openai_api_base / api_key); empty: the server's.
  std::string api_base;
  std::string api_key;
  std::stop_token stop;  // the run's cancellation: a model call in flight gives up
};

using CompletionText = Expected<std::string, std::string>;

// The seam to a real OpenAI-compatible endpoint. on_token returns false to stop early
// (cancellation); the result is the full completion text or an error message.
class LanguageModel {
 public:
  virtual ~LanguageModel() = default;
  // Blocks the calling thread until the completion ends.
  virtual CompletionText complete(const LanguageModelRequest& request,
                                  const std::function<bool(std::string_view chunk)>& on_token) = 0;
  // Starts the completion and may return before it ends: a model that waits on the network
  // calls on_token and then `done` (exactly once) later, from its own threads, so that no
  // run thread waits with it. The default answers on the calling thread through complete().
  virtual void complete_async(const LanguageModelRequest& request,
                              std::function<bool(std::string_view chunk)> on_token,
                              std::function<void(CompletionText)> done) {
    done(complete(request, on_token));
  }
};

}  // namespace lfkit::engine
