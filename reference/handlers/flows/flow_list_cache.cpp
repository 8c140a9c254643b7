#include "handlers/flows/flow_list_cache.hpp"

namespace lfkit::handlers::flows {

std::optional<http::Response> FlowListCache::find(const std::string& key, int64_t generation) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return std::nullopt;
  it->second.last_used = ++clock_;
  return it->second.response;
}

void FlowListCache::put(const std::string& key, int64_t generation,
                        const http::Response& response) {
  const size_t size = response.body.size();
  if (size > max_bytes_ / 4) return;
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.response.body.size();
    entries_.erase(it);
  }
  evict_until_fits(size);
  entries_[key] = Entry{generation, response, ++clock_};
  bytes_ += size;
}

// Caller holds mu_. A linear scan: the cache holds one entry per user and flag set.
void FlowListCache::evict_until_fits(size_t incoming) {
  while (!entries_.empty() && bytes_ + incoming > max_bytes_) {
    auto oldest = entries_.begin();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->second.last_used < oldest->second.last_used) oldest = it;
    }
    bytes_ -= oldest->second.response.body.size();
    entries_.erase(oldest);
  }
}

}  // namespace lfkit::handlers::flows
