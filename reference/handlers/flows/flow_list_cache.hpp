// Finished `GET /flows/?get_all=true` responses (gzipped, as upstream sends them),
// reused while the store's flows_generation has not moved: listing and
// compressing every flow again on each request is what made that endpoint slow.
// Bounded in bytes; the least recently used entries go first.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace lfkit::handlers::flows {

class FlowListCache {
 public:
  explicit FlowListCache(size_t max_bytes = 16u << 20) : max_bytes_(max_bytes) {}

  // The response cached under `key` at exactly `generation`.
  std::optional<http::Response> find(const std::string& key, int64_t generation);
  // Responses larger than a quarter of the budget are not kept.
  void put(const std::string& key, int64_t generation, const http::Response& response);

 private:
  struct Entry {
    int64_t generation = 0;
    http::Response response;
    uint64_t last_used = 0;
  };
  void evict_until_fits(size_t incoming);

  size_t max_bytes_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  size_t bytes_ = 0;
  uint64_t clock_ = 0;
};

}  // namespace lfkit::handlers::flows
