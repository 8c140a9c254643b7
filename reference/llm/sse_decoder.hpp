// Incremental decoder of an OpenAI chat-completions stream (Server-Sent Events): bytes go in
// as they arrive, split anywhere; complete events come out as content deltas, the [DONE]
// marker or an error object.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace lfkit::llm {

struct StreamEvent {
  enum class Kind { delta, done, error };
  Kind kind = Kind::delta;
  std::string text;  // delta: the content piece; error: the endpoint's message
};

class SseDecoder {
 public:
  using Sink = std::function<void(const StreamEvent&)>;
  explicit SseDecoder(Sink sink) : sink_(std::move(sink)) {}

  // Feeds the next bytes of the body; calls the sink for every event they complete.
  void feed(std::string_view bytes);
  // The body ended: a last event without its blank line still counts.
  void finish();
  // Bytes of an unfinished line held over; a stream that never ends its lines is cut off
  // by the caller with this.
  size_t pending_bytes() const { return line_.size() + data_.size(); }

 private:
  void on_line(std::string_view line);
  void dispatch();

  Sink sink_;
  std::string line_;  // the current, unterminated line
  std::string data_;  // data: lines of the current event, joined by '\n'
  bool has_data_ = false;
  bool skip_lf_ = false;  // the last byte was a CR: a following LF belongs to it
};

// The events one complete `data:` payload of a chat-completions stream means: the content
// deltas of its choices, [DONE], or {"error": {...}}. Payloads that are not JSON are errors.
void interpret_chunk(std::string_view data, const SseDecoder::Sink& sink);

}  // namespace lfkit::llm
