#include "auth/secret_key.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <random>

namespace lfkit::auth {
namespace {

class SecretKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lfkit-secret-" + std::to_string(std::random_device{}()));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(SecretKeyTest, ConfiguredValueWinsAndWritesNothing) {
  auto key = load_or_create_secret_key(std::string("configured"), dir_);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(*key, "configured");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "secret_key"));
}

TEST_F(SecretKeyTest, GeneratedKeyPersistsWithPrivateMode) {
  auto first = load_or_create_secret_key(std::nullopt, dir_);
  ASSERT_TRUE(first.has_value());
  EXPECT_GE(first->size(), 43u);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "secret_key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto second = load_or_create_secret_key(std::string(), dir_);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(*first, *second);
}

TEST_F(SecretKeyTest, UnwritableDirectoryIsAnError) {
  auto key = load_or_create_secret_key(std::nullopt, "/proc/lfkit-no-such-dir");
  EXPECT_FALSE(key.has_value());
}

}  // namespace
}  // namespace lfkit::auth
