#include "llm/sse_decoder.hpp"

#include <nlohmann/json.hpp>

#include "llm/chat_completion.hpp"

namespace lfkit::llm {

void SseDecoder::feed(std::string_view bytes) {
  for (char c : bytes) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (c == '\n') continue;
    }
    if (c == '\r' || c == '\n') {
      skip_lf_ = c == '\r';
      on_line(line_);
      line_.clear();
    } else {
      line_.push_back(c);
    }
  }
}

void SseDecoder::finish() {
  if (!line_.empty()) on_line(line_);
  line_.clear();
  dispatch();
}

void SseDecoder::on_line(std::string_view line) {
  if (line.empty()) return dispatch();  // a blank line ends the event
  if (line.front() == ':') return;      // a comment (keep-alive)
  const size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
  if (value.starts_with(" ")) value.remove_prefix(1);
  if (field != "data") return;  // event:, id:, retry: change nothing here
  if (has_data_) data_.push_back('\n');
  data_.append(value);
  has_data_ = true;
}

void SseDecoder::dispatch() {
  if (!has_data_) return;
  std::string data;
  data.swap(data_);
  has_data_ = false;
  interpret_chunk(data, sink_);
}

void interpret_chunk(std::string_view data, const SseDecoder::Sink& sink) {
  if (data == "[DONE]") return sink({StreamEvent::Kind::done, {}});
  auto chunk = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (chunk.is_discarded())
    return sink({StreamEvent::Kind::error, "the endpoint streamed a chunk that is not JSON"});
  if (auto error = error_message(chunk)) return sink({StreamEvent::Kind::error, *error});
  const auto choices = chunk.find("choices");
  if (choices == chunk.end() || !choices->is_array()) return;
  for (const auto& choice : *choices) {
    if (!choice.is_object()) continue;
    // Streams carry `delta`; an endpoint that ignores stream=true may send `message`.
    for (const char* key : {"delta", "message"}) {
      auto part = choice.find(key);
      if (part == choice.end() || !part->is_object()) continue;
      auto content = part->find("content");
      if (content != part->end() && content->is_string() && !content->get<std::string>().empty())
        sink({StreamEvent::Kind::delta, content->get<std::string>()});
    }
  }
}

}  // namespace lfkit::llm
