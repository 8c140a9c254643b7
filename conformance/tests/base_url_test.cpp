#include "conformance/net/base_url.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

TEST(BaseUrl, SplitsHostPortAndPrefix) {
  auto url = parse_base_url("http://127.0.0.1:7860/lf/");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, "7860");
  EXPECT_EQ(url->prefix, "/lf");
}

TEST(BaseUrl, DefaultsPortTo80) {
  auto url = parse_base_url("http://example.test");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->port, "80");
  EXPECT_EQ(url->prefix, "");
}

TEST(BaseUrl, RejectsHttpsAndGarbage) {
  EXPECT_FALSE(parse_base_url("https://x"));
  EXPECT_FALSE(parse_base_url("ftp://x"));
  EXPECT_FALSE(parse_base_url("http://host:port"));
  EXPECT_FALSE(parse_base_url("http://"));
}

}  // namespace
}  // namespace lfkit::conformance
