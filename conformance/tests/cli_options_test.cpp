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

TEST(CliOptions, FlagEqualsValueAndNewFlags) {
  auto opts = parse_cli({"--base-url=http://127.0.0.1:1", "--suite=auth,schema", "--baseline=b.txt",
                         "--strict-baseline", "--write-baseline", "w.txt", "--allow-unimplemented",
                         "--api-key=k"});
  ASSERT_TRUE(opts) << opts.error();
  EXPECT_EQ(opts->base_url, "http://127.0.0.1:1");
  EXPECT_EQ(opts->suites, (std::vector<std::string>{"auth", "schema"}));
  EXPECT_EQ(opts->baseline_path, "b.txt");
  EXPECT_TRUE(opts->strict_baseline);
  EXPECT_EQ(opts->write_baseline_path, "w.txt");
  EXPECT_TRUE(opts->allow_unimplemented);
  EXPECT_EQ(opts->api_key, "k");
  EXPECT_TRUE(parse_cli({"--version"})->version);
}

TEST(CliOptions, UnknownFlagsAreReportedAsUnknown) {
  auto opts = parse_cli({"--base-url", "http://h", "--frobnicate"});
  ASSERT_FALSE(opts);
  EXPECT_NE(opts.error().find("unknown option --frobnicate"), std::string::npos) << opts.error();
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--strict-baseline"}));
  EXPECT_FALSE(parse_cli({"--base-url", "http://h", "--auto-login=yes"}));
}

TEST(CliOptions, ApiKeyFromTheEnvironment) {
  auto env = +[](const char* name) -> const char* {
    return std::string_view(name) == "LANGFLOW_API_KEY" ? "sk-env" : nullptr;
  };
  auto opts = parse_cli({"--base-url", "http://h"}, env);
  ASSERT_TRUE(opts);
  EXPECT_EQ(opts->credentials, CredentialMode::api_key);
  EXPECT_EQ(opts->api_key, "sk-env");
  auto flag_wins = parse_cli({"--base-url", "http://h", "--auto-login"}, env);
  EXPECT_EQ(flag_wins->credentials, CredentialMode::auto_login);
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
