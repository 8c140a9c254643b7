#include "conformance/net/gzip.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace lfkit::conformance {
namespace {

RC_GTEST_PROP(Gzip, RoundTrips, (const std::string& text)) {
  auto back = gunzip(gzip(text));
  RC_ASSERT(back.has_value());
  RC_ASSERT(*back == text);
}

TEST(Gzip, RejectsTruncatedAndGarbage) {
  auto packed = gzip(std::string(1000, 'x'));
  EXPECT_FALSE(gunzip(packed.substr(0, packed.size() / 2)));
  EXPECT_FALSE(gunzip("not gzip at all"));
}

}  // namespace
}  // namespace lfkit::conformance
