#include "conformance/streams/event_framer.hpp"

namespace lfkit::conformance {
namespace {

bool blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// Pulls name/data out of a {"event": ..., "data": ...} envelope.
void unwrap_envelope(StreamEvent& ev) {
  if (ev.data.is_object() && ev.data.contains("event") && ev.data["event"].is_string()) {
    ev.name = ev.data["event"].get<std::string>();
    nlohmann::json inner = ev.data.contains("data") ? ev.data["data"] : nlohmann::json();
    ev.data = std::move(inner);
  }
}

// SSE comment frames (": keep-alive") carry no event.
bool comment_only(std::string_view frame) {
  while (!frame.empty()) {
    auto nl = frame.find('\n');
    auto line = strip_cr(frame.substr(0, nl));
    if (!line.empty() && line.front() != ':') return false;
    frame = nl == std::string_view::npos ? std::string_view() : frame.substr(nl + 1);
  }
  return true;
}

}  // namespace

StreamEvent decode_json_frame(std::string_view text) {
  StreamEvent ev;
  ev.raw = std::string(text);
  ev.data = nlohmann::json::parse(text, nullptr, false);
  if (ev.data.is_discarded()) {
    ev.parsed = false;
    ev.parse_error = "not valid JSON";
    ev.data = nullptr;
    return ev;
  }
  unwrap_envelope(ev);
  return ev;
}

StreamEvent decode_sse_frame(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && (text[first] == '{' || text[first] == '[')) {
    return decode_json_frame(text);
  }
  StreamEvent ev;
  ev.raw = std::string(text);
  std::string data;
  bool has_data = false;
  while (!text.empty()) {
    auto nl = text.find('\n');
    auto line = strip_cr(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (line.empty() || line.front() == ':') continue;  // comment / keep-alive
    auto colon = line.find(':');
    auto field = line.substr(0, colon);
    auto value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "event") {
      ev.name = std::string(value);
    } else if (field == "data") {
      if (has_data) data += '\n';
      data += value;
      has_data = true;
    }
  }
  if (!has_data) {
    ev.data = nullptr;
    return ev;
  }
  auto parsed = nlohmann::json::parse(data, nullptr, false);
  if (parsed.is_discarded()) {
    ev.data = data;  // SSE allows plain-text data; keep it as a string
    return ev;
  }
  ev.data = std::move(parsed);
  if (ev.name.empty()) unwrap_envelope(ev);
  return ev;
}

void EventFramer::take_ndjson_lines(std::vector<StreamEvent>& out, bool at_end) {
  std::size_t start = 0;
  while (true) {
    auto nl = pending_.find('\n', start);
    if (nl == std::string::npos) break;
    auto line = strip_cr(std::string_view(pending_).substr(start, nl - start));
    if (!blank(line)) out.push_back(decode_json_frame(line));
    start = nl + 1;
  }
  pending_.erase(0, start);
  if (at_end && !blank(pending_)) out.push_back(decode_json_frame(strip_cr(pending_)));
  if (at_end) pending_.clear();
}

void EventFramer::take_sse_frames(std::vector<StreamEvent>& out, bool at_end) {
  while (true) {
    auto lf = pending_.find("\n\n");
    auto crlf = pending_.find("\r\n\r\n");
    std::size_t end = std::min(lf, crlf);
    if (end == std::string::npos) break;
    const std::size_t sep = end == crlf ? 4 : 2;
    auto frame = std::string_view(pending_).substr(0, end);
    if (!blank(frame) && !comment_only(frame)) out.push_back(decode_sse_frame(frame));
    pending_.erase(0, end + sep);
  }
  if (at_end && !blank(pending_) && !comment_only(pending_)) {
    out.push_back(decode_sse_frame(pending_));
  }
  if (at_end) pending_.clear();
}

std::vector<StreamEvent> EventFramer::feed(std::string_view bytes) {
  pending_.append(bytes);
  std::vector<StreamEvent> out;
  if (framing_ == Framing::ndjson) {
    take_ndjson_lines(out, false);
  } else {
    take_sse_frames(out, false);
  }
  return out;
}

std::vector<StreamEvent> EventFramer::finish() {
  std::vector<StreamEvent> out;
  if (framing_ == Framing::ndjson) {
    take_ndjson_lines(out, true);
  } else {
    take_sse_frames(out, true);
  }
  return out;
}

}  // namespace lfkit::conformance
