// Values derived from the store, reused while one of its generation counters has not moved
// (flows_generation, auth_generation): every change that could alter a value moves the
// counter, so an entry is only ever served for exactly the data it was made from. The caller
// reads the generation *before* reading what it caches. Bounded in bytes; the least recently
// used entries go first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace lfkit {

template <class Value>
class GenerationCache {
 public:
  using SizeOf = size_t (*)(const Value&);
  GenerationCache(size_t max_bytes, SizeOf size_of) : max_bytes_(max_bytes), size_of_(size_of) {}

  // The value cached under `key` at exactly `generation`.
  std::optional<Value> find(const std::string& key, int64_t generation) {
    std::lock_guard lock(mu_);
    auto it = index_.find(key);
    if (it == index_.end() || it->second->generation != generation) return std::nullopt;
    recency_.splice(recency_.begin(), recency_, it->second);
    return it->second->value;
  }

  // Values larger than a quarter of the budget are not kept.
  void put(const std::string& key, int64_t generation, Value value) {
    const size_t size = size_of_(value);
    if (size > max_bytes_ / 4) return;
    std::lock_guard lock(mu_);
    if (auto it = index_.find(key); it != index_.end()) {
      bytes_ -= it->second->size;
      recency_.erase(it->second);
      index_.erase(it);
    }
    while (!recency_.empty() && bytes_ + size > max_bytes_) {
      bytes_ -= recency_.back().size;
      index_.erase(recency_.back().key);
      recency_.pop_back();
    }
    recency_.push_front(Entry{key, generation, size, std::move(value)});
    index_[key] = recency_.begin();
    bytes_ += size;
  }

 private:
  struct Entry {
    std::string key;
    int64_t generation = 0;
    size_t size = 0;
    Value value;
  };
  using Recency = std::list<Entry>;  // most recently used first

  const size_t max_bytes_;
  const SizeOf size_of_;
  std::mutex mu_;
  Recency recency_;
  std::unordered_map<std::string, typename Recency::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace lfkit
