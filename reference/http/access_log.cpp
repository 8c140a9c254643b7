#include "http/access_log.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "common/clock.hpp"
#include "common/json_text.hpp"
#include "http/redact.hpp"

namespace lfkit::http {

// Written field by field (keys in nlohmann's sorted order): this runs once per request.
std::string format_access_log(const AccessLogEntry& e) {
  std::string out;
  out.reserve(160 + e.target.size());
  out.append("{\"bytes\":").append(std::to_string(e.bytes));
  out.append(",\"duration_us\":").append(std::to_string(e.duration_us));
  out.append(",\"method\":");
  append_json_string(out, e.method);
  out.append(",\"remote\":");
  append_json_string(out, e.remote);
  out.append(",\"status\":").append(std::to_string(e.status));
  out.append(",\"target\":");
  // No ?x-api-key=sk-... in logs; a target without a query is written as it is.
  if (e.target.find('?') == std::string::npos) {
    append_json_string(out, e.target);
  } else {
    append_json_string(out, redact_target(e.target));
  }
  out.append(",\"ts\":");
  append_json_string(out, lfkit::iso_utc_micros(std::chrono::system_clock::now()));
  out.push_back('}');
  return out;
}

namespace {

// Lines collect in memory and reach stderr in batches (when 64 KiB are
// pending, or within 100 ms), so a busy server does not pay a write(2) per
// request. Flushed completely when the sink is destroyed.
class BatchedStderr {
 public:
  explicit BatchedStderr(std::FILE* out = stderr, bool owned = false)
      : out_(out), owned_(owned), flusher_([this] { flush_periodically(); }) {}
  ~BatchedStderr() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    flusher_.join();
    flush_pending();
    if (owned_) std::fclose(out_);
  }

  void append(std::string_view line) {
    {
      std::lock_guard lock(mu_);
      pending_.append(line);
      pending_.push_back('\n');
      if (pending_.size() < kFlushBytes) return;
    }
    flush_pending();
  }

 private:
  static constexpr size_t kFlushBytes = 64 * 1024;

  // write_mu_ is taken before the swap so batches reach stderr in order.
  void flush_pending() {
    std::lock_guard write_lock(write_mu_);
    std::string batch;
    {
      std::lock_guard lock(mu_);
      batch.swap(pending_);
    }
    if (batch.empty()) return;
    std::fwrite(batch.data(), 1, batch.size(), out_);
    std::fflush(out_);
  }

  void flush_periodically() {
    while (true) {
      {
        std::unique_lock lock(mu_);
        wake_.wait_for(lock, std::chrono::milliseconds(100));
        if (stopping_) return;
      }
      flush_pending();
    }
  }

  std::mutex mu_;        // guards pending_ and stopping_
  std::mutex write_mu_;  // keeps batches whole and in order on stderr
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::FILE* out_;
  bool owned_;
  std::thread flusher_;  // last: starts once the members above are set
};

}  // namespace

AccessLogSink stderr_access_log() {
  auto out = std::make_shared<BatchedStderr>();
  return [out](const AccessLogEntry& e) { out->append(format_access_log(e)); };
}

AccessLogSink file_access_log(std::FILE* file) {
  auto out = std::make_shared<BatchedStderr>(file, /*owned=*/true);
  return [out](const AccessLogEntry& e) { out->append(format_access_log(e)); };
}

}  // namespace lfkit::http
