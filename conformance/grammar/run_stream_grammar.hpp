// State machine for the /run?stream=true grammar (SEMANTICS §4.2):
//   (add_message | token | end_vertex | build_start | build_end)*  (end | error)
// tokens must carry an id announced by an earlier add_message, "end" carries
// {"result": {...}}, "error" carries {"error": ...}, and nothing follows the
// single terminal event.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "conformance/grammar/grammar_violation.hpp"
#include "conformance/streams/stream_event.hpp"

namespace lfkit::conformance {

class RunStreamGrammar {
 public:
  void on_event(const StreamEvent& event);
  void finish();

  bool terminated() const { return state_ == State::terminated; }
  const std::vector<GrammarViolation>& violations() const { return violations_; }
  std::size_t token_count() const { return tokens_; }

 private:
  enum class State { streaming, terminated };
  void fail(std::string rule, std::string message);

  State state_ = State::streaming;
  std::size_t index_ = 0;
  std::size_t tokens_ = 0;
  std::set<std::string> announced_messages_;
  std::vector<GrammarViolation> violations_;
};

}  // namespace lfkit::conformance
