#include <gtest/gtest.h>

#include "handlers/flows/flow_response_cache.hpp"

namespace lfkit::handlers::flows {
namespace {

http::Response body_of(size_t bytes, char fill = 'x') {
  http::Response r;
  r.body.assign(bytes, fill);
  return r;
}

TEST(FlowResponseCache, HitsOnlyAtTheSameGeneration) {
  FlowResponseCache cache;
  cache.put("u|f", 7, body_of(10, 'a'));
  ASSERT_TRUE(cache.find("u|f", 7));
  EXPECT_EQ(cache.find("u|f", 7)->body, std::string(10, 'a'));
  EXPECT_FALSE(cache.find("u|f", 8));
  EXPECT_FALSE(cache.find("other|f", 7));
  cache.put("u|f", 8, body_of(5, 'b'));
  EXPECT_FALSE(cache.find("u|f", 7));
  EXPECT_EQ(cache.find("u|f", 8)->body, "bbbbb");
}

TEST(FlowResponseCache, EvictsLeastRecentlyUsedAndSkipsHugeBodies) {
  FlowResponseCache cache(100);
  cache.put("a", 1, body_of(20));
  cache.put("b", 1, body_of(20));
  cache.put("huge", 1, body_of(30));  // over a quarter of the budget: not kept
  EXPECT_FALSE(cache.find("huge", 1));
  ASSERT_TRUE(cache.find("a", 1));  // "b" is now the least recently used
  for (const char* key : {"c", "d", "e", "f"}) cache.put(key, 1, body_of(20));  // one too many
  EXPECT_FALSE(cache.find("b", 1));
  EXPECT_TRUE(cache.find("a", 1));
  EXPECT_TRUE(cache.find("f", 1));
}

}  // namespace
}  // namespace lfkit::handlers::flows
