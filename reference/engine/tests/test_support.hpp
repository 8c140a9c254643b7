// Shared helpers for engine tests: fixture loading, recording sink, run shortcuts.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "engine/engine.hpp"

namespace lfkit::engine::testing {

FlowData load_fixture(const std::string& name);

struct RecordedEvent {
  std::string name;
  nlohmann::json data;
};

class RecordingSink final : public EventSink {
 public:
  void on_event(std::string_view name, const nlohmann::json& data) override;
  std::vector<RecordedEvent> events() const;
  std::vector<std::string> names() const;
  // ids of end_vertex events in order
  std::vector<std::string> built_ids() const;

 private:
  mutable std::mutex mutex_;
  std::vector<RecordedEvent> events_;
};

// Checks the stream grammar; returns an empty string when valid, else what is wrong.
std::string grammar_violation(const std::vector<RecordedEvent>& events,
                              const Graph* graph = nullptr);

}  // namespace lfkit::engine::testing
