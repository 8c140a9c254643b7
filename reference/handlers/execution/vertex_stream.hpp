// The body of the deprecated GET /build/{flow_id}/{vertex_id}/stream: upstream's
// StreamData frames ("event: <name>\ndata: <compact json>\n\n") with the events
// `message`, `error` and a final `close`.
#pragma once

#include <optional>
#include <string>

#include "engine/vertex_step.hpp"

namespace lfkit::handlers::execution {

// What the route knows when it answers: whether a graph is cached for the flow and,
// if so, the vertex as the stepper sees it (nullopt: no such vertex).
struct StreamLookup {
  bool cached = false;
  std::optional<engine::StreamView> vertex;
};

std::string vertex_stream_body(const std::string& flow_id, const std::string& vertex_id,
                               const StreamLookup& lookup);

}  // namespace lfkit::handlers::execution
