#include "handlers/execution/vertex_graph_cache.hpp"

namespace lfkit::handlers::execution {

void VertexGraphCache::put(const std::string& flow_id, std::shared_ptr<CachedGraph> graph) {
  std::lock_guard lock(mu_);
  const auto now = Clock::now();
  drop_expired(now);
  if (auto it = slots_.find(flow_id); it != slots_.end()) {
    recency_.erase(it->second.position);
    slots_.erase(it);
  }
  while (!slots_.empty() && slots_.size() >= capacity_) {
    slots_.erase(recency_.back());
    recency_.pop_back();
  }
  recency_.push_front(flow_id);
  slots_.emplace(flow_id, Slot{std::move(graph), now, recency_.begin()});
}

std::shared_ptr<CachedGraph> VertexGraphCache::find(const std::string& flow_id) {
  std::lock_guard lock(mu_);
  const auto now = Clock::now();
  drop_expired(now);
  auto it = slots_.find(flow_id);
  if (it == slots_.end()) return nullptr;
  it->second.used = now;
  recency_.splice(recency_.begin(), recency_, it->second.position);
  return it->second.graph;
}

size_t VertexGraphCache::size() {
  std::lock_guard lock(mu_);
  return slots_.size();
}

void VertexGraphCache::drop_expired(Clock::time_point now) {
  // The least recently used entries sit at the back: stop at the first fresh one.
  while (!recency_.empty()) {
    auto it = slots_.find(recency_.back());
    if (now - it->second.used < idle_ttl_) return;
    slots_.erase(it);
    recency_.pop_back();
  }
}

}  // namespace lfkit::handlers::execution
