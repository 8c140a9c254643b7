#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <fstream>
#include <map>

#include "config/settings.hpp"

namespace lfkit::config {
namespace {

using Env = std::map<std::string, std::string, std::less<>>;

EnvLookup env_of(Env env) {
  return [env = std::move(env)](std::string_view name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) return std::nullopt;
    return it->second;
  };
}

Settings load_ok(const std::vector<std::string>& args, Env env = {{"HOME", "/home/u"}}) {
  auto s = load_settings(args, env_of(std::move(env)));
  EXPECT_TRUE(s) << s.error();
  return s ? *s : Settings{};
}

std::string load_error(const std::vector<std::string>& args, Env env = {}) {
  auto s = load_settings(args, env_of(std::move(env)));
  EXPECT_FALSE(s);
  return s ? "" : s.error();
}

TEST(Settings, Defaults) {
  Settings s = load_ok({});
  EXPECT_EQ(s.host, "127.0.0.1");
  EXPECT_EQ(s.port, 7860);
  EXPECT_EQ(s.config_dir, "/home/u/.cache/lfkit");
  EXPECT_EQ(s.database_url, "sqlite:////home/u/.cache/lfkit/langflow.db");
  EXPECT_EQ(s.database_path, "/home/u/.cache/lfkit/langflow.db");
  EXPECT_TRUE(s.auto_login);
  EXPECT_FALSE(s.skip_auth_auto_login);
  EXPECT_EQ(s.superuser, "langflow");
  EXPECT_EQ(s.superuser_password, "langflow");
  EXPECT_EQ(s.access_token_expire_seconds, 3600);
  EXPECT_EQ(s.refresh_token_expire_seconds, 604800);
  EXPECT_FALSE(s.new_user_is_active);
  EXPECT_FALSE(s.webhook_auth_enable);
  EXPECT_EQ(s.max_file_size_upload, 1024);
  EXPECT_FALSE(s.enable_log_retrieval);
  EXPECT_EQ(s.cors_origins, "*");
  EXPECT_EQ(s.refresh_same_site, "none");
  EXPECT_TRUE(s.refresh_secure);
  EXPECT_TRUE(s.refresh_httponly);
  EXPECT_EQ(s.access_same_site, "lax");
  EXPECT_FALSE(s.access_secure);
  EXPECT_EQ(s.api_key_source, "db");
  EXPECT_TRUE(s.agentic_experience);
  EXPECT_EQ(s.event_delivery, "streaming");
  EXPECT_FALSE(s.list_operations);
  EXPECT_FALSE(s.show_help);
}

TEST(Settings, XdgCacheHomeWinsOverHome) {
  Settings s = load_ok({}, {{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "/xdg"}});
  EXPECT_EQ(s.config_dir, "/xdg/lfkit");
}

TEST(Settings, EnvironmentOverridesDefaults) {
  Settings s = load_ok({}, {{"LANGFLOW_PORT", "8000"},
                            {"LANGFLOW_AUTO_LOGIN", "False"},
                            {"LANGFLOW_NEW_USER_IS_ACTIVE", "YES"},
                            {"LANGFLOW_CONFIG_DIR", "/data"},
                            {"LANGFLOW_ACCESS_SAME_SITE", "Strict"},
                            {"LANGFLOW_SECRET_KEY", "s3cret"}});
  EXPECT_EQ(s.port, 8000);
  EXPECT_FALSE(s.auto_login);
  EXPECT_TRUE(s.new_user_is_active);
  EXPECT_EQ(s.database_path, "/data/langflow.db");
  EXPECT_EQ(s.access_same_site, "strict");
  EXPECT_EQ(s.secret_key, "s3cret");
}

TEST(Settings, FlagsOverrideEnvironment) {
  Settings s = load_ok({"--port", "9000", "--auto-login=true", "--no-agentic-experience",
                        "--database-url=sqlite:///rel/x.db", "--list-operations"},
                       {{"LANGFLOW_PORT", "8000"},
                        {"LANGFLOW_AUTO_LOGIN", "false"},
                        {"LANGFLOW_DATABASE_URL", "sqlite:////env.db"}});
  EXPECT_EQ(s.port, 9000);
  EXPECT_TRUE(s.auto_login);
  EXPECT_FALSE(s.agentic_experience);
  EXPECT_EQ(s.database_path, "rel/x.db");
  EXPECT_TRUE(s.list_operations);
}

// Flags that changed nothing were removed (issue 16): passing one is an error, not a no-op.
TEST(Settings, FlagsWithoutBehaviourAreGone) {
  for (const char* flag : {"--dev", "--mcp-server-enabled", "--enable-superuser-cli"}) {
    EXPECT_NE(load_error({flag}).find("unknown option"), std::string::npos) << flag;
    EXPECT_EQ(help_text().find(std::string("  ") + flag + "\n"), std::string::npos) << flag;
  }
}

TEST(Settings, ApiKeyIsReadFromTheEnvironmentOnly) {
  EXPECT_EQ(load_ok({}, {{"LANGFLOW_API_KEY", "sk-env"}}).env_api_key, "sk-env");
  EXPECT_NE(load_error({"--api-key=sk-x"}).find("unknown option"), std::string::npos);
  EXPECT_NE(load_error({"--=x"}).find("unknown option"), std::string::npos);
}

TEST(Settings, ListOperationsHelpSaysItListsTheUnimplemented) {
  EXPECT_NE(
      help_text().find("--list-operations\n      print the API operations that still answer 501"),
      std::string::npos);
}

TEST(Settings, HelpFlags) {
  EXPECT_TRUE(load_ok({"--version"}).show_version);
  EXPECT_TRUE(load_ok({"--help"}).show_help);
  EXPECT_TRUE(load_ok({"-h"}).show_help);
}

TEST(Settings, BadValuesNameTheVariable) {
  EXPECT_NE(load_error({}, {{"LANGFLOW_PORT", "abc"}}).find("LANGFLOW_PORT"), std::string::npos);
  EXPECT_NE(load_error({}, {{"LANGFLOW_PORT", "70000"}}).find("LANGFLOW_PORT"), std::string::npos);
  EXPECT_NE(load_error({}, {{"LANGFLOW_AUTO_LOGIN", "maybe"}}).find("LANGFLOW_AUTO_LOGIN"),
            std::string::npos);
  EXPECT_NE(load_error({}, {{"LANGFLOW_REFRESH_SAME_SITE", "sometimes"}})
                .find("LANGFLOW_REFRESH_SAME_SITE"),
            std::string::npos);
  EXPECT_NE(load_error({"--port", "x"}).find("--port"), std::string::npos);
  EXPECT_NE(load_error({"--bogus"}).find("--bogus"), std::string::npos);
  EXPECT_NE(load_error({"--port"}).find("missing value"), std::string::npos);
}

TEST(Settings, PostgresIsReportedAsUnsupported) {
  std::string err = load_error({}, {{"LANGFLOW_DATABASE_URL", "postgresql://u:p@db/langflow"}});
  EXPECT_NE(err.find("LANGFLOW_DATABASE_URL"), std::string::npos);
  EXPECT_NE(err.find("not supported in this build"), std::string::npos);
  EXPECT_NE(load_error({"--database-url", "mysql://x"}).find("--database-url"), std::string::npos);
}

TEST(Settings, HelpMentionsEveryOptionAndVariable) {
  const std::string help = help_text();
  for (const char* needle : {"--host",
                             "LANGFLOW_HOST",
                             "--port",
                             "LANGFLOW_PORT",
                             "LANGFLOW_CONFIG_DIR",
                             "LANGFLOW_DATABASE_URL",
                             "LANGFLOW_AUTO_LOGIN",
                             "LANGFLOW_SKIP_AUTH_AUTO_LOGIN",
                             "LANGFLOW_SUPERUSER",
                             "LANGFLOW_SUPERUSER_PASSWORD",
                             "LANGFLOW_SECRET_KEY",
                             "LANGFLOW_ACCESS_TOKEN_EXPIRE_SECONDS",
                             "LANGFLOW_REFRESH_TOKEN_EXPIRE_SECONDS",
                             "LANGFLOW_NEW_USER_IS_ACTIVE",
                             "LANGFLOW_ENABLE_SIGNUP",
                             "LANGFLOW_WEBHOOK_AUTH_ENABLE",
                             "LANGFLOW_MAX_FILE_SIZE_UPLOAD",
                             "LANGFLOW_ENABLE_LOG_RETRIEVAL",
                             "LANGFLOW_LOG_RETRIEVER_BUFFER_SIZE",
                             "LANGFLOW_CORS_ORIGINS",
                             "LANGFLOW_COOKIE_DOMAIN",
                             "LANGFLOW_REFRESH_SAME_SITE",
                             "LANGFLOW_REFRESH_SECURE",
                             "LANGFLOW_REFRESH_HTTPONLY",
                             "LANGFLOW_ACCESS_SAME_SITE",
                             "LANGFLOW_ACCESS_SECURE",
                             "LANGFLOW_ACCESS_HTTPONLY",
                             "LANGFLOW_DISABLE_TRACK_APIKEY_USAGE",
                             "LANGFLOW_API_KEY_SOURCE",
                             "LANGFLOW_AGENTIC_EXPERIENCE",
                             "LANGFLOW_API_KEY (variable only)",
                             "LANGFLOW_FALLBACK_TO_ENV_VAR",
                             "LANGFLOW_CREATE_STARTER_PROJECTS",
                             "--version",
                             "LANGFLOW_WORKERS",
                             "--workers",
                             "--list-operations",
                             "LFKIT_HEADER_TIMEOUT_MS",
                             "LFKIT_JSON_BODY_LIMIT_MB",
                             "LFKIT_SHUTDOWN_GRACE_MS",
                             "Default: 7860",
                             "Default: 1024"}) {
    EXPECT_NE(help.find(needle), std::string::npos) << needle;
  }
}

RC_GTEST_PROP(Settings, PydanticBooleans, ()) {
  const auto word = *rc::gen::element<std::string>("true", "false", "1", "0", "yes", "no", "on",
                                                   "off", "t", "f", "y", "n");
  std::string mixed = word;
  for (char& c : mixed) {
    if (*rc::gen::arbitrary<bool>())
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const bool expected =
      word == "true" || word == "1" || word == "yes" || word == "on" || word == "t" || word == "y";
  RC_ASSERT(parse_bool(mixed) == std::optional<bool>(expected));
}

TEST(Settings, NonBooleansAreRejected) {
  EXPECT_FALSE(parse_bool(""));
  EXPECT_FALSE(parse_bool("2"));
  EXPECT_FALSE(parse_bool("truthy"));
}

TEST(Settings, EnvFileIsFoundAmongTheArguments) {
  EXPECT_EQ(env_file_argument({"--port", "1", "--env-file", "a.env"}), "a.env");
  EXPECT_EQ(env_file_argument({"--env-file=b.env"}), "b.env");
  EXPECT_FALSE(env_file_argument({"--port", "1"}));
  EXPECT_EQ(load_ok({"--env-file", "x.env"}).env_file, "x.env");  // a known flag
}

TEST(Settings, EnvFileLinesAreParsedAsDotenv) {
  const std::string path = testing::TempDir() + "/lfkit-settings.env";
  {
    std::ofstream f(path);
    f << "# comment\n\nLANGFLOW_PORT=8100\nexport LANGFLOW_HOST = 0.0.0.0 # inline\n"
         "LANGFLOW_SUPERUSER_PASSWORD=\"with # hash\"\nEMPTY=\n";
  }
  auto vars = read_env_file(path);
  ASSERT_TRUE(vars) << vars.error();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"LANGFLOW_PORT", "8100"},
      {"LANGFLOW_HOST", "0.0.0.0"},
      {"LANGFLOW_SUPERUSER_PASSWORD", "with # hash"},
      {"EMPTY", ""}};
  EXPECT_EQ(*vars, expected);
  {
    std::ofstream f(path);
    f << "OK=1\nnot a pair\n";
  }
  auto bad = read_env_file(path);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().find(":2: expected KEY=VALUE"), std::string::npos) << bad.error();
  EXPECT_FALSE(read_env_file(path + ".missing"));
}

}  // namespace
}  // namespace lfkit::config
