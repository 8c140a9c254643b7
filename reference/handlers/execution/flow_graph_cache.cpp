#include "handlers/execution/flow_graph_cache.hpp"

#include "handlers/execution/execution_runtime.hpp"

namespace lfkit::handlers::execution {

Expected<FlowGraphCache::Graph, std::string> FlowGraphCache::load(const store::Flow& flow) {
  if (flow.data_json) {
    std::lock_guard lock(mu_);
    auto it = entries_.find(flow.id);
    if (it != entries_.end() && it->second.data_json == *flow.data_json) return it->second.graph;
  }
  auto parsed = load_flow_data(flow);  // outside the lock: parsing is the slow part
  if (!parsed) return unexpected(parsed.error());
  Graph graph = std::make_shared<const engine::FlowData>(std::move(*parsed));
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[flow.id] = Entry{*flow.data_json, graph};
  return graph;
}

}  // namespace lfkit::handlers::execution
