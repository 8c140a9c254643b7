#include "auth/api_key.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lfkit::auth {
namespace {

bool url_safe(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

TEST(ApiKey, FormatMatchesTokenUrlsafe32) {
  std::string key = generate_api_key();
  ASSERT_EQ(key.size(), 46u);
  EXPECT_TRUE(key.starts_with("sk-"));
  EXPECT_TRUE(std::all_of(key.begin() + 3, key.end(), url_safe));
  EXPECT_NE(key, generate_api_key());
}

TEST(ApiKey, MaskKeepsEightCharsAndLength) {
  std::string key = "sk-AbCdEfGhIjKl";
  EXPECT_EQ(mask_api_key(key), "sk-AbCdE*******");
  std::string generated = generate_api_key();
  std::string masked = mask_api_key(generated);
  EXPECT_EQ(masked.size(), generated.size());
  EXPECT_EQ(masked.substr(0, 8), generated.substr(0, 8));
  EXPECT_EQ(masked.substr(8), std::string(38, '*'));
  EXPECT_EQ(mask_api_key("short"), "short");
}

TEST(ApiKey, HashIsStableSha256Hex) {
  EXPECT_EQ(hash_api_key("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(hash_api_key("sk-a"), hash_api_key("sk-b"));
}

}  // namespace
}  // namespace lfkit::auth
