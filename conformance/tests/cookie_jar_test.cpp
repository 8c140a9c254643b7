#include "conformance/net/cookie_jar.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

TEST(CookieJar, StoresAndReplaysCookies) {
  CookieJar jar;
  jar.apply_set_cookie("refresh_token_lf=abc; HttpOnly; SameSite=none; Secure; Max-Age=604800");
  jar.apply_set_cookie("access_token_lf=\"tok\"; Path=/");
  EXPECT_EQ(jar.get("refresh_token_lf").value_or(""), "abc");
  EXPECT_EQ(jar.cookie_header(), "access_token_lf=tok; refresh_token_lf=abc");
}

TEST(CookieJar, MaxAgeZeroDeletes) {
  CookieJar jar;
  jar.apply_set_cookie("a=1");
  jar.apply_set_cookie("a=\"\"; Max-Age=0; Path=/");
  EXPECT_FALSE(jar.get("a"));
  EXPECT_EQ(jar.cookie_header(), "");
}

}  // namespace
}  // namespace lfkit::conformance
