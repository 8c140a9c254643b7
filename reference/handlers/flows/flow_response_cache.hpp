// Finished flow responses (a flow by id, a gzipped `get_all` listing), reused while the store's
// flows_generation has not moved: every flow or folder change moves it, so an entry can only
// be served for exactly the data it was made from. Reading, splicing and compressing the same
// rows again on each request is what made those endpoints slow. Bounded in bytes; the least
// recently used entries go first.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"

namespace lfkit::handlers::flows {

class FlowResponseCache {
 public:
  explicit FlowResponseCache(size_t max_bytes = 16u << 20) : max_bytes_(max_bytes) {}

  // The response cached under `key` at exactly `generation`.
  std::optional<http::Response> find(const std::string& key, int64_t generation);
  // Responses larger than a quarter of the budget are not kept.
  void put(const std::string& key, int64_t generation, const http::Response& response);

 private:
  struct Entry {
    std::string key;
    int64_t generation = 0;
    http::Response response;
  };
  using Recency = std::list<Entry>;  // most recently used first

  size_t max_bytes_;
  std::mutex mu_;
  Recency recency_;
  std::unordered_map<std::string, Recency::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace lfkit::handlers::flows
