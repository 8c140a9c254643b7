#include "conformance/runner/cli_options.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

TEST(CliOptions, ParsesTheFullCommandLine) {
  auto opts = parse_cli({"--base-url",   "http://127.0.0.1:7860",
                         "--username",   "u",
                         "--password",   "p",
                         "--suite",      "auth",
                         "--suite",      "schema",
                         "--operations", "*flow*",
                         "--junit",      "j.xml",
                         "--json",       "r.json",
                         "--seed",       "42",
                         "--timeout-ms", "500",
                         "--",           "--gtest_repeat=2"});
  ASSERT_TRUE(opts) << opts.error();
  EXPECT_EQ(opts->credentials, CredentialMode::password);
  EXPECT_EQ(opts->suites, (std::vector<std::string>{"auth", "schema"}));
  EXPECT_EQ(opts->seed, 42u);
  EXPECT_EQ(opts->timeout_ms, 500);
  EXPECT_EQ(opts->gtest_args, std::vector<std::string>{"--gtest_repeat=2"});
}

TEST(CliOptions, RejectsMistakes) {
  EXPECT_FALSE(parse_cli({}));
  EXPECT_FALSE(parse_cli({"--base-url"}));
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--api-key", "k", "--auto-login"}));
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--username", "u"}));
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--suite", "nope"}));
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--seed", "x"}));
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--frobnicate", "1"}));
}

TEST(CliOptions, HelpNeedsNothingElse) {
  auto opts = parse_cli({"--help"});
  ASSERT_TRUE(opts);
  EXPECT_TRUE(opts->help);
  EXPECT_NE(cli_help_text().find("--base-url"), std::string::npos);
}

TEST(CliOptions, GlobMatching) {
  EXPECT_TRUE(glob_match("*flow*", "create_flow"));
  EXPECT_TRUE(glob_match("read_?low", "read_flow"));
  EXPECT_FALSE(glob_match("create_*", "read_flow"));
  EXPECT_TRUE(glob_match("*", ""));
}

}  // namespace
}  // namespace lfkit::conformance
