// Build/run progress events, 1:1 with upstream's event manager names. The payload
// passed with each event is exactly upstream's `data`; the HTTP layer only frames it
// ({"event": name, "data": payload} + "\n\n").
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace lfkit::engine {

namespace event {
inline constexpr std::string_view vertices_sorted = "vertices_sorted";  // {ids, to_run}
inline constexpr std::string_view build_start = "build_start";          // {}
inline constexpr std::string_view end_vertex = "end_vertex";            // {build_data}
inline constexpr std::string_view add_message = "add_message";          // Message dump
inline constexpr std::string_view remove_message = "remove_message";    // {id}
inline constexpr std::string_view token = "token";                      // {chunk, id, timestamp}
inline constexpr std::string_view error = "error";                      // error payload
inline constexpr std::string_view build_end = "build_end";              // {}
inline constexpr std::string_view end = "end";                          // {} or {build_duration}
}  // namespace event

// Receives events in emission order. The executor serialises calls, so an
// implementation needs no locking of its own; it must not block for long.
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_event(std::string_view name, const nlohmann::json& data) = 0;
  // False when every event would be dropped: the engine then skips building event payloads.
  virtual bool listening() const { return true; }
};

// Discards everything (for /run without streaming).
class NullEventSink final : public EventSink {
 public:
  void on_event(std::string_view, const nlohmann::json&) override {}
  bool listening() const override { return false; }
};

}  // namespace lfkit::engine
