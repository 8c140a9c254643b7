#include "conformance/streams/stream_reader.hpp"

#include <algorithm>

namespace lfkit::conformance {

std::string_view stream_end_name(StreamEnd end) {
  switch (end) {
    case StreamEnd::closed:
      return "closed";
    case StreamEnd::timed_out:
      return "timed out";
    case StreamEnd::max_events:
      return "event limit reached";
    case StreamEnd::stopped:
      return "stopped by reader";
    case StreamEnd::net_error:
      return "network error";
  }
  return "?";
}

StreamReadResult read_stream_events(ChunkSource& source, Framing framing, StreamLimits limits,
                                    const EventCallback& on_event,
                                    std::chrono::steady_clock::time_point started) {
  using Clock = std::chrono::steady_clock;
  StreamReadResult result;
  EventFramer framer(framing);
  const auto hard_deadline = started + limits.total;

  // Returns false when reading must stop.
  auto deliver = [&](std::vector<StreamEvent> batch) {
    for (auto& ev : batch) {
      ev.at = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
      if (!result.time_to_first_event) result.time_to_first_event = ev.at;
      result.events.push_back(std::move(ev));
      if (on_event && !on_event(result.events.back())) {
        result.end = StreamEnd::stopped;
        return false;
      }
      if (result.events.size() >= limits.max_events) {
        result.end = StreamEnd::max_events;
        return false;
      }
    }
    return true;
  };

  while (true) {
    const auto deadline = std::min(hard_deadline, Clock::now() + limits.idle);
    auto chunk = source.next_chunk(deadline);
    if (!chunk) {
      deliver(framer.finish());
      result.end =
          chunk.error().kind == NetErrorKind::timeout ? StreamEnd::timed_out : StreamEnd::net_error;
      result.error = chunk.error().message;
      return result;
    }
    if (!chunk->has_value()) {
      deliver(framer.finish());
      result.end = StreamEnd::closed;  // the body ended, whatever the last frame did
      return result;
    }
    ++result.chunks;
    if (!deliver(framer.feed(**chunk))) return result;
  }
}

}  // namespace lfkit::conformance
