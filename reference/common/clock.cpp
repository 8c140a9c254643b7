#include "common/clock.hpp"

#include <cstdio>
#include <ctime>

namespace lfkit {
namespace {

std::tm to_tm(SystemTime t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}

std::string format(SystemTime t, const char* pattern) {
  std::tm tm = to_tm(t);
  char buf[64];
  size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
  return std::string(buf, n);
}

}  // namespace

std::string iso_utc_micros(SystemTime t) {
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count() % 1000000;
  if (micros < 0) micros += 1000000;
  char frac[16];
  std::snprintf(frac, sizeof frac, ".%06lld", static_cast<long long>(micros));
  return format(t, "%Y-%m-%dT%H:%M:%S") + frac + "+00:00";
}

std::string iso_utc_seconds(SystemTime t) {
  return format(t, "%Y-%m-%dT%H:%M:%S+00:00");
}

std::string utc_spaced(SystemTime t) {
  return format(t, "%Y-%m-%d %H:%M:%S UTC");
}

int64_t unix_seconds(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace lfkit
