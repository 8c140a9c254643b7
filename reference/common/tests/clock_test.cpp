#include <gtest/gtest.h>

#include <ctime>
#include <random>

#include "common/clock.hpp"

namespace lfkit {
namespace {

using namespace std::chrono;

SystemTime at(year_month_day day, microseconds since_midnight) {
  return SystemTime(sys_days(day)) + since_midnight;
}

TEST(Clock, FormatsAsLangflowDoes) {
  const SystemTime t = at(2024y / 5 / 29, 17h + 57min + 17s + 123456us);
  EXPECT_EQ(iso_utc_micros(t), "2024-05-29T17:57:17.123456+00:00");
  EXPECT_EQ(iso_utc_micros_z(t), "2024-05-29T17:57:17.123456Z");
  EXPECT_EQ(iso_utc_seconds(t), "2024-05-29T17:57:17+00:00");
  EXPECT_EQ(utc_spaced(t), "2024-05-29 17:57:17 UTC");
  EXPECT_EQ(unix_seconds(t), 1717005437);
}

TEST(Clock, EdgesOfDaysYearsAndTheEpoch) {
  EXPECT_EQ(iso_utc_micros(SystemTime{}), "1970-01-01T00:00:00.000000+00:00");
  EXPECT_EQ(iso_utc_micros(SystemTime{} - 1us), "1969-12-31T23:59:59.999999+00:00");
  EXPECT_EQ(iso_utc_micros(at(2024y / 2 / 29, 0us)), "2024-02-29T00:00:00.000000+00:00");
  EXPECT_EQ(iso_utc_seconds(at(2023y / 12 / 31, 23h + 59min + 59s + 999999us)),
            "2023-12-31T23:59:59+00:00");
  EXPECT_EQ(utc_spaced(at(2100y / 3 / 1, 5s)), "2100-03-01 00:00:05 UTC");
}

// The same text as the C library's gmtime_r + strftime, over times spread from 1970 to 2200.
TEST(Clock, AgreesWithGmtimeAcrossCenturies) {
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int64_t> seconds_since_epoch(0, 7'258'118'400);
  for (int i = 0; i < 20'000; ++i) {
    const std::time_t secs = static_cast<std::time_t>(seconds_since_epoch(rng));
    std::tm tm{};
    ASSERT_NE(gmtime_r(&secs, &tm), nullptr);
    char expected[64];
    std::strftime(expected, sizeof expected, "%Y-%m-%d %H:%M:%S UTC", &tm);
    ASSERT_EQ(utc_spaced(system_clock::from_time_t(secs)), expected) << secs;
  }
}

}  // namespace
}  // namespace lfkit
