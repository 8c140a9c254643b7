#include "handlers/logs/log_handlers.hpp"

#include <thread>

#include "api/context.hpp"

namespace lfkit::handlers {
namespace {

constexpr std::string_view kDisabled = "Log retrieval is disabled";

// Starlette's JSONResponse: compact, non-ASCII kept, keys in buffer order.
std::string entries_json(const http::LogBuffer::Entries& entries) {
  nlohmann::ordered_json body = nlohmann::ordered_json::object();
  for (const auto& [ts, line] : entries) body[std::to_string(ts)] = line;
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string log_stream_chunk(int64_t timestamp, const std::string& line) {
  // json.dumps defaults: ", "/": " separators and ASCII-only output.
  return "{\"" + std::to_string(timestamp) + "\": " +
         nlohmann::json(line).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace) +
         "}\n\n";
}

void LogHandlers::logs(api::Context& ctx, const api::req::logs& request) {
  if (!enabled()) return ctx.respond_detail(501, kDisabled);
  const auto before = request.lines_before;
  const auto after = request.lines_after;
  const auto ts = request.timestamp;
  if (after > 0 && before > 0) {
    return ctx.respond_detail(400, "Cannot request logs before and after the timestamp");
  }
  http::LogBuffer::Entries entries;
  if (ts <= 0) {
    if (after > 0) {
      return ctx.respond_detail(400,
                                "Timestamp is required when requesting logs after the timestamp");
    }
    entries = logs_->last_n(before <= 0 ? 10 : static_cast<size_t>(before));
  } else if (before > 0) {
    entries = logs_->before_timestamp(ts, static_cast<size_t>(before));
  } else if (after > 0) {
    entries = logs_->after_timestamp(ts, static_cast<size_t>(after));
  } else {
    entries = logs_->before_timestamp(ts, 10);
  }
  ctx.respond(http::json_response(200, entries_json(entries)));
}

void LogHandlers::stream_logs(api::Context& ctx, const api::req::stream_logs&) {
  if (!enabled()) return ctx.respond_detail(501, kDisabled);
  http::Headers headers;
  headers.set("Content-Type", "text/event-stream; charset=utf-8");
  auto writer = ctx.exchange().start_stream(200, std::move(headers));
  if (!writer) return;
  // A producer thread per stream: it owns what it uses and stops as soon as
  // the exchange is cancelled (client gone, server stopping).
  std::thread([writer, logs = logs_, timing = timing_] {
    uint64_t cursor = logs->next_sequence();  // upstream skips the backlog
    int idle = 0;
    const auto slice = std::chrono::milliseconds(50);
    while (!writer->cancelled()) {
      auto fresh = logs->read_since(cursor);
      bool ok = true;
      if (!fresh.empty()) {
        idle = 0;
        for (const auto& [ts, line] : fresh) ok = ok && writer->write(log_stream_chunk(ts, line));
      } else if (++idle == timing.idle_polls_before_keepalive) {
        idle = 0;
        ok = writer->write("keepalive\n\n");
      }
      if (!ok) break;
      for (auto waited = std::chrono::milliseconds(0); waited < timing.poll && !writer->cancelled();
           waited += slice) {
        std::this_thread::sleep_for(slice);
      }
    }
    // A cancelled exchange is being torn down by the transport: nothing to finish.
    if (!writer->cancelled()) writer->finish();
  }).detach();
}

}  // namespace lfkit::handlers
