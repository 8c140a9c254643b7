#include "auth/password.hpp"

#include <gtest/gtest.h>

namespace lfkit::auth {
namespace {

constexpr int kFast = 1000;  // tests only; production uses kDefaultPasswordIterations

TEST(Password, VerifiesCorrectPassword) {
  std::string encoded = hash_password("hunter2", kFast);
  EXPECT_TRUE(encoded.starts_with("pbkdf2_sha256$1000$"));
  EXPECT_TRUE(verify_password("hunter2", encoded));
  EXPECT_FALSE(verify_password("hunter3", encoded));
  EXPECT_FALSE(verify_password("", encoded));
}

TEST(Password, SaltMakesHashesDiffer) {
  EXPECT_NE(hash_password("same", kFast), hash_password("same", kFast));
}

TEST(Password, DefaultWorkFactorIsSlow) {
  EXPECT_GE(kDefaultPasswordIterations, 200000);
  EXPECT_TRUE(hash_password("x").starts_with("pbkdf2_sha256$260000$"));
}

TEST(Password, MalformedEncodingsNeverVerify) {
  for (std::string_view bad : {"", "plain", "pbkdf2_sha256$x$AA==$AA==", "md5$1$AA==$AA==",
                               "pbkdf2_sha256$1000$AA==", "pbkdf2_sha256$0$AA==$AA==",
                               "pbkdf2_sha256$1000$AA==$", "pbkdf2_sha256$99999999999$AA==$AA=="}) {
    EXPECT_FALSE(verify_password("pw", bad)) << bad;
  }
}

TEST(Password, TamperedHashFails) {
  std::string encoded = hash_password("pw", kFast);
  encoded[encoded.size() - 3] = encoded[encoded.size() - 3] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password("pw", encoded));
}

}  // namespace
}  // namespace lfkit::auth
