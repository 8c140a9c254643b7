// Callers already authenticated, by API-key hash and by user id (a JWT's subject), kept while
// the store's auth_generation has not moved: any change to users or keys drops them all, so a
// revoked key, a deactivated or deleted user is refused on its very next request. Saves the
// two database reads every authenticated request would otherwise make.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "api/context.hpp"

namespace lfkit::api {

class AuthCache {
 public:
  struct KeyHolder {
    std::string key_id;  // for the usage counter
    Caller caller;
  };

  std::optional<KeyHolder> find_key(const std::string& key_hash, int64_t generation) const;
  void put_key(const std::string& key_hash, int64_t generation, const KeyHolder& holder);
  std::optional<Caller> find_user(const std::string& user_id, int64_t generation) const;
  void put_user(const std::string& user_id, int64_t generation, const Caller& caller);

 private:
  template <typename T>
  struct Slot {
    int64_t generation = 0;
    T value;
  };
  // Bounded by a full reset: entries are small and refilled by one lookup each.
  static constexpr size_t kMaxEntries = 16384;

  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, Slot<KeyHolder>> keys_;
  std::unordered_map<std::string, Slot<Caller>> users_;
};

}  // namespace lfkit::api
