#include "http/log_buffer.hpp"

#include <algorithm>
#include <chrono>

namespace lfkit::http {

bool LogBuffer::enabled() const {
  std::lock_guard lock(mu_);
  return capacity_ > 0;
}

size_t LogBuffer::capacity() const {
  std::lock_guard lock(mu_);
  return capacity_;
}

size_t LogBuffer::size() const {
  std::lock_guard lock(mu_);
  return lines_.size();
}

void LogBuffer::set_capacity(size_t capacity) {
  std::lock_guard lock(mu_);
  capacity_ = capacity;
  while (lines_.size() > capacity_) lines_.pop_front();
}

void LogBuffer::write(int64_t epoch_ms, std::string line) {
  std::lock_guard lock(mu_);
  if (capacity_ == 0) return;
  while (lines_.size() >= capacity_) lines_.pop_front();
  lines_.emplace_back(epoch_ms, std::move(line));
  ++next_seq_;
}

void LogBuffer::write(std::string line) {
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  write(now, std::move(line));
}

LogBuffer::Entries LogBuffer::collapse(Entries entries) {
  Entries out;
  for (auto& e : entries) {
    auto same =
        std::find_if(out.begin(), out.end(), [&](const Entry& o) { return o.first == e.first; });
    if (same == out.end()) {
      out.push_back(std::move(e));
    } else {
      same->second = std::move(e.second);
    }
  }
  return out;
}

LogBuffer::Entries LogBuffer::last_n(size_t n) const {
  std::lock_guard lock(mu_);
  size_t start = (n == 0 || n >= lines_.size()) ? 0 : lines_.size() - n;
  return collapse(Entries(lines_.begin() + static_cast<ptrdiff_t>(start), lines_.end()));
}

LogBuffer::Entries LogBuffer::before_timestamp(int64_t ts, size_t lines) const {
  Entries copy;
  {
    std::lock_guard lock(mu_);
    copy.assign(lines_.begin(), lines_.end());
  }
  auto first_newer =
      std::find_if(copy.begin(), copy.end(), [&](const Entry& e) { return e.first >= ts; });
  if (first_newer == copy.end()) return last_n(lines);
  size_t end = static_cast<size_t>(first_newer - copy.begin());
  size_t start = end > lines ? end - lines : 0;
  return collapse(Entries(copy.begin() + static_cast<ptrdiff_t>(start),
                          copy.begin() + static_cast<ptrdiff_t>(end)));
}

LogBuffer::Entries LogBuffer::after_timestamp(int64_t ts, size_t lines) const {
  Entries out;
  std::lock_guard lock(mu_);
  for (const auto& e : lines_) {
    if (out.size() == lines) break;
    if (e.first >= ts) out.push_back(e);
  }
  return collapse(std::move(out));
}

LogBuffer::Entries LogBuffer::read_since(uint64_t& cursor) const {
  std::lock_guard lock(mu_);
  uint64_t oldest = next_seq_ - lines_.size();
  if (cursor < oldest) cursor = oldest;  // lines already dropped are lost
  Entries out(lines_.begin() + static_cast<ptrdiff_t>(cursor - oldest), lines_.end());
  cursor = next_seq_;
  return out;
}

uint64_t LogBuffer::next_sequence() const {
  std::lock_guard lock(mu_);
  return next_seq_;
}

}  // namespace lfkit::http
