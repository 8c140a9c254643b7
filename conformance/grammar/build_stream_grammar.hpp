// State machine for the build NDJSON event grammar (SEMANTICS §5.3):
//   vertices_sorted  build_start?  (add_message | token | remove_message | end_vertex ...)*  (end |
//   error)
// with: one end_vertex per vertex, each after all of its predecessors (given
// the flow's edges), tokens only for an announced message id, and nothing
// after the single terminal event.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "conformance/grammar/grammar_violation.hpp"
#include "conformance/streams/stream_event.hpp"

namespace lfkit::conformance {

class BuildStreamGrammar {
 public:
  struct Options {
    std::vector<std::pair<std::string, std::string>> edges;  // source -> target vertex ids
    bool allow_vertex_repeats = false;                       // loop flows re-run vertices
    bool tolerate_repeated_end = false;                      // polling may deliver a second "end"
  };

  BuildStreamGrammar() : BuildStreamGrammar(Options{}) {}
  explicit BuildStreamGrammar(Options options);

  void on_event(const StreamEvent& event);
  // The stream closed; reports a missing terminal event.
  void finish();

  bool terminated() const { return state_ == State::terminated; }
  const std::vector<GrammarViolation>& violations() const { return violations_; }
  const std::vector<std::string>& vertex_order() const { return ended_order_; }

 private:
  enum class State { expect_vertices_sorted, building, terminated };
  void fail(std::string rule, std::string message);
  void on_vertices_sorted(const StreamEvent& event);
  void on_end_vertex(const StreamEvent& event);
  void on_add_message(const StreamEvent& event);
  void on_token(const StreamEvent& event);

  Options options_;
  State state_ = State::expect_vertices_sorted;
  std::size_t index_ = 0;
  bool saw_build_start_ = false;
  std::set<std::string> to_run_;
  std::set<std::string> ended_;
  std::vector<std::string> ended_order_;
  std::set<std::string> announced_messages_;
  std::map<std::string, std::vector<std::string>> predecessors_;
  std::vector<GrammarViolation> violations_;
};

}  // namespace lfkit::conformance
