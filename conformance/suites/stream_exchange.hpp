// Opens a streamed response and reads its events within bounds (total time,
// idle time, event count), keeping an Exchange for reproducers whose body is
// the events as received.
#pragma once

#include "conformance/runner/suite_context.hpp"
#include "conformance/streams/stream_reader.hpp"

namespace lfkit::conformance {

struct StreamedExchange {
  Exchange exchange;  // response.body = the raw frames read
  StreamReadResult read;
  bool opened = false;
};

// Bounds used by every suite stream: 10 s in all, 5 s idle, 2000 events.
StreamLimits suite_stream_limits();

// Stops after the first terminal event ("end" or "error") when `stop_at_terminal`.
StreamedExchange read_stream(SuiteContext& ctx, const HttpRequest& request, Framing framing,
                             bool stop_at_terminal = false);

// Event names in order ("vertices_sorted", "end_vertex:ChatInput-x", ...):
// end_vertex carries its vertex id so orders can be compared.
std::vector<std::string> event_signature(const std::vector<StreamEvent>& events);

// Whether any string inside `value` contains `needle`.
bool json_contains_text(const nlohmann::json& value, std::string_view needle);

}  // namespace lfkit::conformance
