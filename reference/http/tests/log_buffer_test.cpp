#include <gtest/gtest.h>

#include <thread>

#include "http/log_buffer.hpp"

namespace lfkit::http {
namespace {

void fill(LogBuffer& b, int count) {
  for (int i = 1; i <= count; ++i) b.write(i * 100, "line" + std::to_string(i));
}

std::vector<int64_t> stamps(const LogBuffer::Entries& e) {
  std::vector<int64_t> out;
  for (const auto& [ts, line] : e) out.push_back(ts);
  return out;
}

TEST(LogBuffer, DisabledAtZeroCapacity) {
  LogBuffer b;
  EXPECT_FALSE(b.enabled());
  b.write(1, "dropped");
  EXPECT_EQ(b.size(), 0u);
}

TEST(LogBuffer, DropsOldestWhenFull) {
  LogBuffer b(3);
  fill(b, 5);
  EXPECT_EQ(b.size(), 3u);
  EXPECT_EQ(stamps(b.last_n(10)), (std::vector<int64_t>{300, 400, 500}));
  EXPECT_EQ(stamps(b.last_n(2)), (std::vector<int64_t>{400, 500}));
  EXPECT_EQ(stamps(b.last_n(0)).size(), 3u);  // Python's [-0:] is everything
}

TEST(LogBuffer, BeforeAndAfterTimestamp) {
  LogBuffer b(100);
  fill(b, 10);
  EXPECT_EQ(stamps(b.before_timestamp(500, 2)), (std::vector<int64_t>{300, 400}));
  EXPECT_EQ(stamps(b.before_timestamp(450, 10)), (std::vector<int64_t>{100, 200, 300, 400}));
  // Nothing that new: the last lines.
  EXPECT_EQ(stamps(b.before_timestamp(99999, 2)), (std::vector<int64_t>{900, 1000}));
  EXPECT_EQ(stamps(b.after_timestamp(500, 3)), (std::vector<int64_t>{500, 600, 700}));
  EXPECT_TRUE(b.after_timestamp(99999, 3).empty());
}

TEST(LogBuffer, RepeatedTimestampsCollapseLikeADict) {
  LogBuffer b(10);
  b.write(1, "a");
  b.write(1, "b");
  b.write(2, "c");
  auto e = b.last_n(10);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0], (LogBuffer::Entry{1, "b"}));
  EXPECT_EQ(e[1], (LogBuffer::Entry{2, "c"}));
}

TEST(LogBuffer, ReadSinceFollowsNewLines) {
  LogBuffer b(4);
  fill(b, 2);
  uint64_t cursor = b.next_sequence();
  EXPECT_TRUE(b.read_since(cursor).empty());
  b.write(300, "x");
  EXPECT_EQ(stamps(b.read_since(cursor)), (std::vector<int64_t>{300}));
  for (int i = 0; i < 10; ++i) b.write(400 + i, "y");  // overrun: only what is kept
  EXPECT_EQ(b.read_since(cursor).size(), 4u);
}

TEST(LogBuffer, ConcurrentWritersAndReaders) {
  LogBuffer b(50);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&b, t] {
      for (int i = 0; i < 500; ++i) {
        b.write(t * 1000 + i, "w");
        (void)b.last_n(5);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(b.size(), 50u);
  EXPECT_EQ(b.next_sequence(), 2000u);
}

}  // namespace
}  // namespace lfkit::http
