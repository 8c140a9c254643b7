// Parsed flow graphs by flow id, reused while the stored `data` text is byte for byte the
// same: otherwise every run parses and loads its flow's JSON again, about an eighth of an
// echo run's CPU. Comparing the text costs a memcmp, and makes a stale entry impossible
// whoever changed the flow. Bounded: a full cache starts over.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/expected.hpp"
#include "engine/engine.hpp"
#include "store/entities.hpp"

namespace lfkit::handlers::execution {

class FlowGraphCache {
 public:
  using Graph = std::shared_ptr<const engine::FlowData>;

  // The flow's graph, or upstream's message for a flow without data / a bad graph
  // (as load_flow_data; failures are not cached).
  Expected<Graph, std::string> load(const store::Flow& flow);

 private:
  static constexpr size_t kMaxEntries = 256;
  struct Entry {
    std::string data_json;
    Graph graph;
  };
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace lfkit::handlers::execution
