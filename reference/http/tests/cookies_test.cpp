#include <gtest/gtest.h>

#include "http/cookies.hpp"

namespace lfkit::http {
namespace {

TEST(Cookies, ParsesLikeStarlette) {
  Cookies c = parse_cookie_header(
      "access_token_lf=abc.def; refresh_token_lf=\"q\\\"x\\073y\"; lone; a=1; a=2");
  EXPECT_EQ(c.at("access_token_lf"), "abc.def");
  EXPECT_EQ(c.at("refresh_token_lf"), "q\"x;y");
  EXPECT_EQ(c.at(""), "lone");  // a chunk without '=' is a value with no name
  EXPECT_EQ(c.at("a"), "2");    // last one wins
}

TEST(Cookies, EmptyHeaderGivesNoCookies) {
  EXPECT_TRUE(parse_cookie_header("").empty());
  EXPECT_TRUE(parse_cookie_header(" ; ;").empty());
}

TEST(Cookies, SetCookieAttributeOrder) {
  SetCookie c;
  c.name = "refresh_token_lf";
  c.value = "tok.en-1";
  c.max_age = 604800;
  c.domain = "example.com";
  c.secure = true;
  c.http_only = true;
  c.same_site = "none";
  EXPECT_EQ(build_set_cookie(c),
            "refresh_token_lf=tok.en-1; Domain=example.com; HttpOnly; Max-Age=604800; Path=/; "
            "SameSite=none; Secure");
}

TEST(Cookies, ValuesWithSpecialCharactersAreQuoted) {
  SetCookie c;
  c.name = "n";
  c.value = "a b;\"c";
  c.same_site.reset();
  EXPECT_EQ(build_set_cookie(c), "n=\"a b\\073\\\"c\"; Path=/");
}

TEST(Cookies, DeletionCookie) {
  std::string header = build_set_cookie(deletion_cookie("access_token_lf"));
  EXPECT_EQ(header.rfind("access_token_lf=\"\"; expires=", 0), 0u) << header;
  EXPECT_NE(header.find(" GMT; Max-Age=0; Path=/; SameSite=lax"), std::string::npos) << header;
}

TEST(Cookies, HttpDate) {
  EXPECT_EQ(http_date(std::chrono::system_clock::time_point{}), "Thu, 01 Jan 1970 00:00:00 GMT");
}

}  // namespace
}  // namespace lfkit::http
