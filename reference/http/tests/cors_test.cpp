#include <gtest/gtest.h>

#include "http/cors.hpp"

namespace lfkit::http {
namespace {

Request preflight(std::string origin) {
  Request r;
  r.method = "OPTIONS";
  r.headers.add("Origin", std::move(origin));
  r.headers.add("Access-Control-Request-Method", "POST");
  r.headers.add("Access-Control-Request-Headers", "content-type,x-api-key");
  return r;
}

TEST(Cors, PreflightEchoesOriginWithCredentials) {
  auto r = cors_preflight(CorsOptions{}, preflight("http://ui.example"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "OK");
  EXPECT_EQ(r->headers.find("Access-Control-Allow-Origin"), "http://ui.example");
  EXPECT_EQ(r->headers.find("Access-Control-Allow-Credentials"), "true");
  EXPECT_EQ(r->headers.find("Access-Control-Allow-Headers"), "content-type,x-api-key");
  EXPECT_EQ(r->headers.find("Access-Control-Max-Age"), "600");
  EXPECT_EQ(r->headers.find("Vary"), "Origin");
}

TEST(Cors, PreflightFromUnlistedOriginIs400) {
  CorsOptions o;
  o.allow_origins = {"http://allowed.example"};
  auto r = cors_preflight(o, preflight("http://evil.example"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_FALSE(r->headers.contains("Access-Control-Allow-Origin"));
}

TEST(Cors, NotAPreflightWithoutRequestMethod) {
  Request r;
  r.method = "OPTIONS";
  r.headers.add("Origin", "http://x");
  EXPECT_FALSE(cors_preflight(CorsOptions{}, r));
}

TEST(Cors, SimpleResponseHeaders) {
  Request r;
  r.method = "GET";
  r.headers.add("Origin", "http://ui.example");
  Headers h;
  apply_cors(CorsOptions{}, r, h);
  EXPECT_EQ(h.find("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(h.find("Access-Control-Allow-Credentials"), "true");

  r.headers.add("Cookie", "access_token_lf=x");
  Headers with_cookie;
  apply_cors(CorsOptions{}, r, with_cookie);
  EXPECT_EQ(with_cookie.find("Access-Control-Allow-Origin"), "http://ui.example");
  EXPECT_EQ(with_cookie.find("Vary"), "Origin");

  Request no_origin;
  Headers none;
  apply_cors(CorsOptions{}, no_origin, none);
  EXPECT_TRUE(none.fields().empty());
}

TEST(Cors, ParseOrigins) {
  EXPECT_EQ(parse_cors_origins("*"), std::vector<std::string>{"*"});
  EXPECT_EQ(parse_cors_origins("http://a, http://b"),
            (std::vector<std::string>{"http://a", "http://b"}));
  EXPECT_EQ(parse_cors_origins("[\"http://a\",\"http://b\"]"),
            (std::vector<std::string>{"http://a", "http://b"}));
  EXPECT_EQ(parse_cors_origins(""), std::vector<std::string>{"*"});
}

}  // namespace
}  // namespace lfkit::http
