#include <gtest/gtest.h>

#include "llm/endpoint_url.hpp"

namespace lfkit::llm {
namespace {

TEST(EndpointUrl, HttpsDefaultsToPort443AndKeepsThePath) {
  auto url = parse_endpoint_url("https://api.openai.com/v1/");
  ASSERT_TRUE(url) << url.error();
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "api.openai.com");
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->target("/chat/completions"), "/v1/chat/completions");
  EXPECT_EQ(url->authority(), "api.openai.com");
}

TEST(EndpointUrl, HttpWithPortAndNoPath) {
  auto url = parse_endpoint_url("http://127.0.0.1:8000");
  ASSERT_TRUE(url) << url.error();
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->port, "8000");
  EXPECT_EQ(url->target("/chat/completions"), "/chat/completions");
  EXPECT_EQ(url->authority(), "127.0.0.1:8000");
}

TEST(EndpointUrl, BracketedIpv6) {
  auto url = parse_endpoint_url("http://[::1]:9000/v1");
  ASSERT_TRUE(url) << url.error();
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->authority(), "[::1]:9000");
}

TEST(EndpointUrl, RefusesWhatItCannotCall) {
  for (const char* bad : {"ftp://host/v1", "api.openai.com/v1", "http://", "http://:80/v1",
                          "http://host:0/v1", "http://host:99999", "http://host:8x/v1",
                          "http://user@host/v1", "http://host/v1?x=1", "http://[::1/v1"}) {
    auto url = parse_endpoint_url(bad);
    EXPECT_FALSE(url) << bad;
    if (!url) {
      EXPECT_NE(url.error().find(bad), std::string::npos) << url.error();
    }
  }
}

}  // namespace
}  // namespace lfkit::llm
