// --operations and --suite parsing, and the UUID-schema detection the
// suites use to fill and to break path parameters.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "conformance/runner/body_generator.hpp"
#include "conformance/runner/cli_options.hpp"

namespace lfkit::conformance {
namespace {

TEST(OperationPatterns, IncludesExcludesAndFiles) {
  const std::string file = ::testing::TempDir() + "lfkit-excluded-ops.txt";
  std::ofstream(file) << "!create_flow\n!read_*\n";
  auto opts = parse_cli(
      {"--base-url", "http://h", "--operations", "*flow*,health", "--operations", "@" + file});
  ASSERT_TRUE(opts) << opts.error();
  EXPECT_TRUE(operation_selected(*opts, "update_flow"));
  EXPECT_TRUE(operation_selected(*opts, "health"));
  EXPECT_FALSE(operation_selected(*opts, "create_flow"));  // excluded by the file
  EXPECT_FALSE(operation_selected(*opts, "read_flows"));   // excluded by a glob in the file
  EXPECT_FALSE(operation_selected(*opts, "get_version"));  // not included
  std::remove(file.c_str());
}

TEST(OperationPatterns, OnlyExclusionsSelectEverythingElse) {
  auto opts = parse_cli({"--base-url", "http://h", "--operations", "!logs,!stream_logs"});
  ASSERT_TRUE(opts);
  EXPECT_TRUE(operation_selected(*opts, "create_flow"));
  EXPECT_FALSE(operation_selected(*opts, "logs"));
  EXPECT_TRUE(operation_selected(parse_cli({"--base-url", "http://h"}).value(), "anything"));
}

TEST(OperationPatterns, MissingFileIsACommandLineError) {
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--operations", "@/nonexistent/lfkit"}));
}

TEST(SuiteNames, SeveralAfterOneFlagOrCommaSeparated) {
  auto opts = parse_cli({"--base-url", "http://h", "--suite", "schema", "auth", "--suite",
                         "negative,stateful", "--seed", "3"});
  ASSERT_TRUE(opts) << opts.error();
  EXPECT_EQ(opts->suites, (std::vector<std::string>{"schema", "auth", "negative", "stateful"}));
  EXPECT_EQ(opts->seed, 3u);
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--suite", "schema", "bogus"}));
}

TEST(UuidSchemas, FormatOrCompiledPatternCountsAsUuid) {
  EXPECT_TRUE(is_uuid_schema(R"({"type":"string","format":"uuid"})"));
  EXPECT_TRUE(is_uuid_schema(R"({"type":"string","pattern":"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4})$"})"));
  EXPECT_FALSE(is_uuid_schema(R"({"type":"string"})"));
  const auto schema = nlohmann::json::parse(R"({"type":"string","pattern":"^[0-9a-fA-F]{8}-.*$"})");
  EXPECT_EQ(minimal_instance(schema, schema), "00000000-0000-4000-8000-000000000000");
}

TEST(ResolveSchema, FollowsRefsThroughSingleAllOf) {
  const auto root = nlohmann::json::parse(
      R"({"allOf":[{"$ref":"#/definitions/A"}],"definitions":{"A":{"type":"object","required":["x"]}}})");
  EXPECT_EQ(resolve_schema(root, root).value("type", ""), "object");
}

}  // namespace
}  // namespace lfkit::conformance
