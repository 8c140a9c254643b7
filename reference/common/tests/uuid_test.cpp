#include <gtest/gtest.h>

#include <regex>
#include <thread>

#include "common/uuid.hpp"

namespace lfkit {
namespace {

const std::regex kCanonical(
    "^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

char version_of(const std::string& uuid) {
  std::smatch m;
  if (!std::regex_match(uuid, m, kCanonical)) return '?';
  return m[1].str()[0];
}

TEST(Uuid, RandomIsCanonicalVersion4) {
  const std::string a = new_uuid();
  EXPECT_EQ(version_of(a), '4') << a;
  EXPECT_NE(a, new_uuid());
}

TEST(Uuid, TimeOrderedIsCanonicalVersion7AndGrowsWithTime) {
  const std::string first = new_time_ordered_uuid();
  EXPECT_EQ(version_of(first), '7') << first;
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const std::string later = new_time_ordered_uuid();
  EXPECT_EQ(version_of(later), '7') << later;
  EXPECT_LT(first, later);  // text order is time order: appends to an index
  EXPECT_NE(later, new_time_ordered_uuid());
}

}  // namespace
}  // namespace lfkit
