// Log tag: the server's own log ring (/logs) and a live tail of it
// (/logs-stream), superuser only, 501 unless LANGFLOW_ENABLE_LOG_RETRIEVAL.
#pragma once

#include <chrono>
#include <memory>

#include "http/log_buffer.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers {

struct LogStreamTiming {
  std::chrono::milliseconds poll{1000};  // upstream sleeps 1 s between reads
  int idle_polls_before_keepalive = 5;   // upstream: "keepalive" after 5 empty reads
};

class LogHandlers : public api::LogHandlers {
 public:
  explicit LogHandlers(std::shared_ptr<http::LogBuffer> logs)
      : LogHandlers(std::move(logs), LogStreamTiming{}) {}
  LogHandlers(std::shared_ptr<http::LogBuffer> logs, LogStreamTiming timing)
      : logs_(std::move(logs)), timing_(timing) {}

  void logs(api::Context& ctx, const api::req::logs& request) override;
  void stream_logs(api::Context& ctx, const api::req::stream_logs& request) override;

 private:
  bool enabled() const { return logs_ && logs_->enabled(); }
  std::shared_ptr<http::LogBuffer> logs_;
  LogStreamTiming timing_;
};

// One stream chunk, as Python's json.dumps({ts: line}) + "\n\n" writes it.
std::string log_stream_chunk(int64_t timestamp, const std::string& line);

}  // namespace lfkit::handlers
