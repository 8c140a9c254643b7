// The auth layer against a real (temporary) SQLite store: superuser bootstrap and
// every credential path of authenticate().
#include <gtest/gtest.h>

#include <filesystem>

#include "api/auth_guard.hpp"
#include "auth/api_key.hpp"
#include "common/uuid.hpp"
#include "store/sqlite_store.hpp"

namespace lfkit::api {
namespace {

class AuthGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("lfkit-auth-" + new_uuid());
    std::filesystem::create_directories(dir_);
    settings_.config_dir = dir_.string();
    settings_.database_path = (dir_ / "langflow.db").string();
    settings_.secret_key = "test-secret";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::shared_ptr<Services> open() {
    auto services = open_services(settings_);
    EXPECT_TRUE(services.has_value()) << (services ? "" : services.error());
    return services ? *services : nullptr;
  }

  static http::Request request(std::string query = "") {
    http::Request r;
    r.method = "GET";
    r.path = "/api/v1/users/whoami";
    r.query = std::move(query);
    return r;
  }

  std::filesystem::path dir_;
  config::Settings settings_;
};

TEST_F(AuthGuardTest, BootstrapCreatesTheDefaultSuperuserOnce) {
  auto services = open();
  ASSERT_TRUE(services);
  ASSERT_TRUE(bootstrap_superuser(*services).has_value());
  auto su = services->store->get_user_by_username("langflow");
  ASSERT_TRUE(su.has_value());
  EXPECT_TRUE(su->is_superuser);
  EXPECT_TRUE(su->is_active);
  EXPECT_EQ(*services->store->count_users(), 1);
  auto folder = services->store->find_folder_by_name(su->id, kDefaultFolderName);
  ASSERT_TRUE(folder.has_value());
  EXPECT_EQ(folder->description.value_or(""), kDefaultFolderDescription);
}

TEST_F(AuthGuardTest, WithoutAutoLoginTheConfiguredSuperuserIsRequired) {
  settings_.auto_login = false;
  settings_.superuser = "";
  auto services = open_services(settings_);
  ASSERT_FALSE(services.has_value());
  EXPECT_EQ(services.error(), "Username and password must be set");
}

TEST_F(AuthGuardTest, NoCredentialsUnderAutoLoginIsForbidden) {
  auto services = open();
  auto out = authenticate(Auth::current_user, request(), *services);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().status, 403);
  EXPECT_NE(out.error().detail.get<std::string>().find("requires a valid API key"),
            std::string::npos);
}

TEST_F(AuthGuardTest, NoCredentialsWithoutAutoLoginAsksForAKey) {
  settings_.auto_login = false;
  settings_.superuser = "admin";
  settings_.superuser_password = "pw";
  auto services = open();
  auto out = authenticate(Auth::current_user, request(), *services);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().detail, "An API key must be passed as query or header");
}

TEST_F(AuthGuardTest, BadBearerIs401WithChallengeEvenWithAValidCookie) {
  auto services = open();
  auto su = services->store->get_user_by_username("langflow");
  auto req = request();
  req.headers.add("authorization", "Bearer not.a.jwt");
  req.headers.add(
      "cookie", "access_token_lf=" + services->jwt.issue(su->id, "access", std::chrono::hours(1)));
  auto out = authenticate(Auth::current_user, req, *services);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().status, 401);
  EXPECT_TRUE(out.error().bearer_challenge);
  EXPECT_EQ(out.error().detail, "Could not validate credentials");
}

TEST_F(AuthGuardTest, RefreshTokenIsNotAnAccessToken) {
  auto services = open();
  auto su = services->store->get_user_by_username("langflow");
  auto req = request();
  req.headers.add("authorization",
                  "Bearer " + services->jwt.issue(su->id, "refresh", std::chrono::hours(1)));
  auto out = authenticate(Auth::current_user, req, *services);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().detail, "Invalid token type. Expected access token.");
}

TEST_F(AuthGuardTest, CookieTokenIdentifiesTheSuperuser) {
  auto services = open();
  auto su = services->store->get_user_by_username("langflow");
  auto req = request();
  req.headers.add(
      "cookie", "access_token_lf=" + services->jwt.issue(su->id, "access", std::chrono::hours(1)));
  auto out = authenticate(Auth::superuser, req, *services);
  ASSERT_TRUE(out.has_value());
  ASSERT_TRUE(out->has_value());
  EXPECT_EQ((*out)->user_id, su->id);
  EXPECT_TRUE((*out)->is_superuser);
}

TEST_F(AuthGuardTest, ApiKeyInQueryIdentifiesItsOwnerAndCountsTheUse) {
  auto services = open();
  store::User user;
  user.username = "bob";
  user.password_hash = "x";
  user.is_active = true;
  auto bob = services->store->create_user(user);
  ASSERT_TRUE(bob.has_value());
  const std::string key = auth::generate_api_key();
  store::ApiKey record;
  record.key_hash = auth::hash_api_key(key);
  record.masked_key = auth::mask_api_key(key);
  record.user_id = bob->id;
  ASSERT_TRUE(services->store->create_api_key(record).has_value());

  auto out = authenticate(Auth::current_user, request("x-api-key=" + key), *services);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ((*out)->user_id, bob->id);
  EXPECT_EQ(services->store->list_api_keys(bob->id)->at(0).total_uses, 1);

  auto as_superuser = authenticate(Auth::superuser, request("x-api-key=" + key), *services);
  ASSERT_FALSE(as_superuser.has_value());
  EXPECT_EQ(as_superuser.error().status, 403);
  EXPECT_EQ(as_superuser.error().detail, "The user doesn't have enough privileges");
}

TEST_F(AuthGuardTest, UnknownApiKeyIsForbidden) {
  auto services = open();
  auto req = request();
  req.headers.add("x-api-key", "sk-unknown");
  auto out = authenticate(Auth::api_key, req, *services);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().status, 403);
  EXPECT_EQ(out.error().detail, "Invalid or missing API key");
}

TEST_F(AuthGuardTest, SkipAuthAutoLoginAndMcpFallBackToTheSuperuser) {
  settings_.skip_auth_auto_login = true;
  auto services = open();
  auto su = services->store->get_user_by_username("langflow");
  auto out = authenticate(Auth::api_key, request(), *services);
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ((*out)->user_id, su->id);

  settings_.skip_auth_auto_login = false;
  auto mcp = authenticate(Auth::mcp, request(), *services);
  ASSERT_TRUE(mcp.has_value()) << mcp.error().detail.dump();
  EXPECT_EQ((*mcp)->user_id, su->id);
}

TEST_F(AuthGuardTest, PublicAndOptionalOperationsNeedNoCredentials) {
  auto services = open();
  auto none = authenticate(Auth::none, request(), *services);
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->has_value());
  auto optional = authenticate(Auth::optional, request(), *services);
  ASSERT_TRUE(optional.has_value());
  EXPECT_FALSE(optional->has_value());
}

}  // namespace
}  // namespace lfkit::api
