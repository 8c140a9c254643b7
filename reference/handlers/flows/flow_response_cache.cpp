#include "handlers/flows/flow_response_cache.hpp"

namespace lfkit::handlers::flows {

std::optional<http::Response> FlowResponseCache::find(const std::string& key, int64_t generation) {
  std::lock_guard lock(mu_);
  auto it = index_.find(key);
  if (it == index_.end() || it->second->generation != generation) return std::nullopt;
  recency_.splice(recency_.begin(), recency_, it->second);
  return it->second->response;
}

void FlowResponseCache::put(const std::string& key, int64_t generation,
                            const http::Response& response) {
  const size_t size = response.body.size();
  if (size > max_bytes_ / 4) return;
  std::lock_guard lock(mu_);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->response.body.size();
    recency_.erase(it->second);
    index_.erase(it);
  }
  while (!recency_.empty() && bytes_ + size > max_bytes_) {
    bytes_ -= recency_.back().response.body.size();
    index_.erase(recency_.back().key);
    recency_.pop_back();
  }
  recency_.push_front(Entry{key, generation, response});
  index_[key] = recency_.begin();
  bytes_ += size;
}

}  // namespace lfkit::handlers::flows
