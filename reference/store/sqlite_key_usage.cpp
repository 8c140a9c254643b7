#include "store/sqlite_key_usage.hpp"

#include "store/sqlite_rows.hpp"

namespace lfkit::store {

bool ApiKeyUsage::record(std::string_view key_id, Time when) {
  std::lock_guard lock(mutex_);
  auto& uses = pending_[std::string(key_id)];
  ++uses.count;
  uses.latest = when;
  // Only the first use past the interval asks for a flush; later ones ride along.
  if (flush_requested_ || std::chrono::steady_clock::now() - last_flush_ < kInterval) return false;
  flush_requested_ = true;
  return true;
}

bool ApiKeyUsage::known(std::string_view key_id) {
  std::lock_guard lock(mutex_);
  return known_.contains(std::string(key_id));
}

void ApiKeyUsage::learn(std::string_view key_id) {
  std::lock_guard lock(mutex_);
  known_.emplace(key_id);
}

void ApiKeyUsage::forget(std::string_view key_id) {
  std::lock_guard lock(mutex_);
  known_.erase(std::string(key_id));
  pending_.erase(std::string(key_id));
}

void ApiKeyUsage::forget_all() {
  std::lock_guard lock(mutex_);
  known_.clear();  // pending uses of deleted keys update no row when written
}

void ApiKeyUsage::overlay(ApiKey& key) {
  std::lock_guard lock(mutex_);
  auto it = pending_.find(key.id);
  if (it == pending_.end()) return;
  key.total_uses += it->second.count;
  key.last_used_at = it->second.latest;
}

void ApiKeyUsage::request_flush() {
  std::lock_guard lock(mutex_);
  flush_requested_ = true;
}

ApiKeyUsage::Batch ApiKeyUsage::due() {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  if (pending_.empty() || (!flush_requested_ && now - last_flush_ < kInterval)) return {};
  flush_requested_ = false;
  last_flush_ = now;
  return pending_;
}

Status ApiKeyUsage::write(Db& db, const Batch& batch) {
  for (const auto& [id, uses] : batch) {
    auto st = db.prepare(
        "UPDATE api_keys SET total_uses = total_uses + ?2, last_used_at = ?3 WHERE id = ?1");
    if (!st) return lfkit::unexpected(st.error());
    LFKIT_TRY(st->bind(id, uses.count, uses.latest).run());
  }
  return {};
}

void ApiKeyUsage::committed(const Batch& batch) {
  std::lock_guard lock(mutex_);
  for (const auto& [id, written] : batch) {
    auto it = pending_.find(id);
    if (it == pending_.end()) continue;
    // Uses recorded after due() remain, with their (newer) latest time.
    it->second.count -= written.count;
    if (it->second.count <= 0) pending_.erase(it);
  }
}

}  // namespace lfkit::store
