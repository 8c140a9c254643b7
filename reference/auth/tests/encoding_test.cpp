#include "auth/encoding.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace lfkit::auth {
namespace {

TEST(Encoding, Base64UrlKnownVectors) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Encoding, Base64StandardPads) {
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(base64_decode("Zm8=").value(), "fo");
}

TEST(Encoding, RejectsForeignCharacters) {
  EXPECT_FALSE(base64url_decode("Zm9v+").has_value());
  EXPECT_FALSE(base64url_decode("Zm=v").has_value());
  EXPECT_FALSE(base64_decode("Zm9").has_value());
  EXPECT_FALSE(base64url_decode("Zh").has_value());  // non-zero trailing bits
}

RC_GTEST_PROP(Encoding, Base64UrlRoundTrips, (const std::string& bytes)) {
  RC_ASSERT(base64url_decode(base64url_encode(bytes)).value() == bytes);
  RC_ASSERT(base64_decode(base64_encode(bytes)).value() == bytes);
}

TEST(Encoding, ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "ab"));
}

TEST(Encoding, RandomBytesDiffer) {
  EXPECT_EQ(random_bytes(32).size(), 32u);
  EXPECT_NE(random_bytes(32), random_bytes(32));
}

}  // namespace
}  // namespace lfkit::auth
