#include "conformance/grammar/run_stream_grammar.hpp"

namespace lfkit::conformance {

void RunStreamGrammar::fail(std::string rule, std::string message) {
  violations_.push_back({index_, std::move(rule), std::move(message)});
}

void RunStreamGrammar::on_event(const StreamEvent& event) {
  const auto& d = event.data;
  if (!event.parsed) {
    fail("frame-not-json", "frame is not valid JSON: " + event.raw.substr(0, 120));
  } else if (state_ == State::terminated) {
    fail("after-terminal", "event '" + event.name + "' after the terminal event");
  } else if (event.name == "add_message") {
    if (!d.is_object() || !d.contains("id") || !d["id"].is_string()) {
      fail("add-message-shape", "add_message data must be a message with a string id");
    } else {
      announced_messages_.insert(d["id"].get<std::string>());
    }
  } else if (event.name == "token") {
    ++tokens_;
    if (!d.is_object() || !d.contains("chunk") || !d.contains("id") || !d["id"].is_string()) {
      fail("token-shape", "token data must be {chunk, id: str, timestamp}");
    } else if (!announced_messages_.contains(d["id"].get<std::string>())) {
      fail("token-unannounced",
           "token for message '" + d["id"].get<std::string>() + "' that no add_message announced");
    }
  } else if (event.name == "end") {
    if (!d.is_object() || !d.contains("result") || !d["result"].is_object()) {
      fail("end-shape", "end data must be {result: RunResponse}");
    }
    state_ = State::terminated;
  } else if (event.name == "error") {
    if (!d.is_object() || !d.contains("error"))
      fail("error-shape", "error data must be {error: ...}");
    state_ = State::terminated;
  } else if (event.name != "end_vertex" && event.name != "build_start" &&
             event.name != "build_end" && event.name != "remove_message") {
    fail("unknown-event", "unknown run stream event '" + event.name + "'");
  }
  ++index_;
}

void RunStreamGrammar::finish() {
  if (state_ != State::terminated) fail("terminal-missing", "stream ended without end or error");
}

}  // namespace lfkit::conformance
