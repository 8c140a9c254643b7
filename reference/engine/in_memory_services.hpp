// In-memory implementations of the engine's service interfaces, plus the
// deterministic language model used for every LLM/Agent type.
#pragma once

#include <map>
#include <mutex>
#include <vector>

#include "engine/services.hpp"

namespace lfkit::engine {

class InMemoryMessageStore final : public MessageStore {
 public:
  void add(const Message& message) override;
  void update(const Message& message) override;
  std::vector<Message> history(const std::string& session_id, size_t limit,
                               const std::string& sender = {}) override;
  std::vector<Message> all() const;

 private:
  mutable std::mutex mutex_;
  std::vector<Message> messages_;
};

class InMemoryRunRecorder final : public RunRecorder {
 public:
  void record_vertex_build(VertexBuildRecord record) override;
  void record_transaction(TransactionRecord record) override;
  std::vector<VertexBuildRecord> builds() const;
  std::vector<TransactionRecord> transactions() const;

 private:
  mutable std::mutex mutex_;
  std::vector<VertexBuildRecord> builds_;
  std::vector<TransactionRecord> transactions_;
};

class MapVariableResolver final : public VariableResolver {
 public:
  explicit MapVariableResolver(std::map<std::string, std::string> values = {})
      : values_(std::move(values)) {}
  std::optional<std::string> lookup(const std::string& name) override;

 private:
  std::map<std::string, std::string> values_;
};

// Deterministic stand-in: answers "Echo: <input>" (system message ignored), streamed
// word by word (each chunk keeps its leading space).
class EchoLanguageModel final : public LanguageModel {
 public:
  Expected<std::string, std::string> complete(
      const LanguageModelRequest& request,
      const std::function<bool(std::string_view chunk)>& on_token) override;
};

}  // namespace lfkit::engine
