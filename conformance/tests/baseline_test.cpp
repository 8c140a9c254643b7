#include "conformance/report/baseline.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace lfkit::conformance {
namespace {

CheckRecord rec(std::string op, std::string suite, std::string check, Verdict v) {
  return {std::move(op), std::move(suite), std::move(check), v, "why", std::nullopt, {}};
}

TEST(Baseline, ParsesEntriesWithReasons) {
  std::istringstream in(
      "# comment\n\nget_tags schema/no_server_error  # store unreachable\n"
      "handle_sse positive/implemented # MCP answers 501 by design\n");
  auto entries = parse_baseline(in);
  ASSERT_TRUE(entries) << entries.error();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].operation_id, "get_tags");
  EXPECT_EQ((*entries)[0].check, "schema/no_server_error");
  EXPECT_EQ((*entries)[0].reason, "store unreachable");
}

TEST(Baseline, EveryEntryNeedsAReasonAndACheck) {
  std::istringstream no_reason("get_tags schema/no_server_error\n");
  EXPECT_FALSE(parse_baseline(no_reason));
  std::istringstream no_check("get_tags  # why\n");
  EXPECT_FALSE(parse_baseline(no_check));
}

TEST(Baseline, ListedFailuresBecomeKnownAndPassingEntriesAreReported) {
  std::vector<CheckRecord> records = {
      rec("get_tags", "schema", "no_server_error", Verdict::fail),
      rec("read_flow", "positive", "documented_success", Verdict::fail),
      rec("get_version", "positive", "documented_success", Verdict::pass),
      rec("health", "positive", "implemented", Verdict::known)};
  const std::vector<BaselineEntry> baseline = {
      {"get_tags", "schema/no_server_error", "store"},
      {"get_version", "positive/documented_success", "was broken"},
      {"health", "positive/implemented", "marked while recording"},
      {"never_ran", "auth/auth_refusal", "not judged: not reported"}};
  auto outcome = apply_baseline(records, baseline);
  EXPECT_EQ(records[0].verdict, Verdict::known);
  EXPECT_EQ(records[1].verdict, Verdict::fail);  // not listed: still a failure
  EXPECT_EQ(outcome.known, 1u);
  ASSERT_EQ(outcome.no_longer_failing.size(), 1u);
  EXPECT_EQ(outcome.no_longer_failing[0].operation_id, "get_version");
}

TEST(Baseline, WritesFailuresOncePerCheck) {
  std::vector<CheckRecord> records = {
      rec("get_tags", "schema", "no_server_error", Verdict::fail),
      rec("get_tags", "schema", "no_server_error", Verdict::fail),
      rec("health", "positive", "implemented", Verdict::known),
      rec("get_version", "positive", "documented_success", Verdict::pass)};
  std::ostringstream out;
  write_baseline(out, records);
  std::istringstream back(out.str());
  auto entries = parse_baseline(back);
  ASSERT_TRUE(entries) << entries.error() << "\n" << out.str();
  EXPECT_EQ(entries->size(), 2u);
}

}  // namespace
}  // namespace lfkit::conformance
