#include "conformance/grammar/run_stream_grammar.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {
using nlohmann::json;

StreamEvent ev(std::string name, json data) {
  StreamEvent e;
  e.name = std::move(name);
  e.data = std::move(data);
  return e;
}

std::vector<std::string> rules(const RunStreamGrammar& g) {
  std::vector<std::string> out;
  for (const auto& v : g.violations()) out.push_back(v.rule);
  return out;
}

TEST(RunStreamGrammar, AcceptsTheSeedSequence) {
  RunStreamGrammar g;
  g.on_event(ev("add_message", {{"id", "u"}, {"text", "Hello"}}));
  g.on_event(ev("add_message", {{"id", "ai"}, {"text", ""}}));
  g.on_event(ev("token", {{"chunk", "Hel"}, {"id", "ai"}, {"timestamp", "t"}}));
  g.on_event(ev("token", {{"chunk", "lo"}, {"id", "ai"}, {"timestamp", "t"}}));
  g.on_event(ev("end", {{"result", {{"outputs", json::array()}, {"session_id", "s"}}}}));
  g.finish();
  EXPECT_TRUE(g.violations().empty()) << describe(g.violations());
  EXPECT_EQ(g.token_count(), 2u);
}

TEST(RunStreamGrammar, AcceptsAnErrorTerminal) {
  RunStreamGrammar g;
  g.on_event(ev("error", {{"error", "boom"}}));
  g.finish();
  EXPECT_TRUE(g.violations().empty());
}

TEST(RunStreamGrammar, FlagsTokenBeforeItsMessage) {
  RunStreamGrammar g;
  g.on_event(ev("token", {{"chunk", "x"}, {"id", "ai"}}));
  g.on_event(ev("add_message", {{"id", "ai"}}));
  EXPECT_EQ(rules(g), std::vector<std::string>{"token-unannounced"});
}

TEST(RunStreamGrammar, FlagsMissingAndRepeatedTerminal) {
  RunStreamGrammar missing;
  missing.on_event(ev("add_message", {{"id", "u"}}));
  missing.finish();
  EXPECT_EQ(rules(missing), std::vector<std::string>{"terminal-missing"});

  RunStreamGrammar twice;
  twice.on_event(ev("end", {{"result", json::object()}}));
  twice.on_event(ev("end", {{"result", json::object()}}));
  EXPECT_EQ(rules(twice), std::vector<std::string>{"after-terminal"});
}

TEST(RunStreamGrammar, FlagsBadPayloadsAndUnknownEvents) {
  RunStreamGrammar g;
  g.on_event(ev("mystery", json::object()));
  g.on_event(ev("end", {{"outputs", json::array()}}));
  EXPECT_EQ(rules(g), (std::vector<std::string>{"unknown-event", "end-shape"}));
}

}  // namespace
}  // namespace lfkit::conformance
