#include "api/auth_cache.hpp"

#include <mutex>

namespace lfkit::api {
namespace {

template <typename Map>
auto find_at(const Map& map, const std::string& key, int64_t generation)
    -> std::optional<decltype(map.begin()->second.value)> {
  auto it = map.find(key);
  if (it == map.end() || it->second.generation != generation) return std::nullopt;
  return it->second.value;
}

template <typename Map, typename Value>
void put_at(Map& map, size_t max_entries, const std::string& key, int64_t generation,
            const Value& value) {
  if (map.size() >= max_entries) map.clear();
  map[key] = {generation, value};
}

}  // namespace

std::optional<AuthCache::KeyHolder> AuthCache::find_key(const std::string& key_hash,
                                                        int64_t generation) const {
  std::shared_lock lock(mu_);
  return find_at(keys_, key_hash, generation);
}

void AuthCache::put_key(const std::string& key_hash, int64_t generation, const KeyHolder& holder) {
  std::unique_lock lock(mu_);
  put_at(keys_, kMaxEntries, key_hash, generation, holder);
}

std::optional<Caller> AuthCache::find_user(const std::string& user_id, int64_t generation) const {
  std::shared_lock lock(mu_);
  return find_at(users_, user_id, generation);
}

void AuthCache::put_user(const std::string& user_id, int64_t generation, const Caller& caller) {
  std::unique_lock lock(mu_);
  put_at(users_, kMaxEntries, user_id, generation, caller);
}

}  // namespace lfkit::api
