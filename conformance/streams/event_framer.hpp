// Incremental framing: bytes in, whole events out, without waiting for the
// end of the body.
//  - ndjson: one JSON object per line, blank lines skipped (build events).
//  - sse: frames separated by a blank line; a frame is either SSE fields
//    (event:/data: lines, data may itself be {"event","data"} JSON) or a bare
//    {"event": ..., "data": ...} object, which is what Langflow's /run?stream=true sends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "conformance/streams/stream_event.hpp"

namespace lfkit::conformance {

enum class Framing { ndjson, sse };

class EventFramer {
 public:
  explicit EventFramer(Framing framing) : framing_(framing) {}
  std::vector<StreamEvent> feed(std::string_view bytes);
  // The body ended: flush a final frame that had no terminator.
  std::vector<StreamEvent> finish();

 private:
  void take_ndjson_lines(std::vector<StreamEvent>& out, bool at_end);
  void take_sse_frames(std::vector<StreamEvent>& out, bool at_end);
  Framing framing_;
  std::string pending_;
};

// Decodes one complete frame (exposed for tests and the mutation proxy).
StreamEvent decode_json_frame(std::string_view text);
StreamEvent decode_sse_frame(std::string_view text);

}  // namespace lfkit::conformance
