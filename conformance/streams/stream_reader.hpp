// Reads a streamed body event by event, bounded by a total deadline, an idle
// timeout and an event count, so a stream that never ends cannot hang a run.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conformance/net/chunk_source.hpp"
#include "conformance/streams/event_framer.hpp"

namespace lfkit::conformance {

struct StreamLimits {
  std::chrono::milliseconds total{30000};
  std::chrono::milliseconds idle{10000};
  std::size_t max_events = 10000;
};

enum class StreamEnd { closed, timed_out, max_events, stopped, net_error };
std::string_view stream_end_name(StreamEnd end);

struct StreamReadResult {
  std::vector<StreamEvent> events;
  StreamEnd end = StreamEnd::closed;
  std::string error;
  std::optional<std::chrono::milliseconds> time_to_first_event;
  std::size_t chunks = 0;
};

// on_event returns false to stop reading (e.g. after a terminal event).
using EventCallback = std::function<bool(const StreamEvent&)>;

StreamReadResult read_stream_events(
    ChunkSource& source, Framing framing, StreamLimits limits, const EventCallback& on_event = {},
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now());

}  // namespace lfkit::conformance
