#include "handlers/execution/vertex_stream.hpp"

#include <nlohmann/json.hpp>

namespace lfkit::handlers::execution {

namespace {

std::string frame(const char* event, const nlohmann::json& data) {
  return std::string("event: ") + event + "\ndata: " + data.dump() + "\n\n";
}

std::string error_frame(const std::string& message) {
  return frame("error", {{"error", message}});
}

// Everything before `close`, following upstream's _stream_vertex branch by branch.
std::string events(const std::string& flow_id, const std::string& vertex_id,
                   const StreamLookup& lookup) {
  if (!lookup.cached) return error_frame("No cache found for " + flow_id + ".");
  if (!lookup.vertex) return error_frame("Vertex " + vertex_id + " not found");
  const engine::StreamView& v = *lookup.vertex;
  if (!v.interface) return error_frame("Vertex " + vertex_id + " does not support streaming");
  const std::string streaming = frame("message", {{"message", "Streaming vertex " + vertex_id}});
  if (!v.frozen || !v.built) {
    // This server never leaves a stream pending in a built vertex (builds here run
    // with stream off), so there is nothing left to consume: upstream's answer for
    // a vertex whose stream is already spent.
    return streaming + error_frame("This stream has already been closed.");
  }
  return frame("message", {{"chunk", v.text}});
}

}  // namespace

std::string vertex_stream_body(const std::string& flow_id, const std::string& vertex_id,
                               const StreamLookup& lookup) {
  return events(flow_id, vertex_id, lookup) + frame("close", {{"message", "Stream closed"}});
}

}  // namespace lfkit::handlers::execution
