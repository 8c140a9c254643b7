#include "engine/duration.hpp"

#include <cmath>
#include <cstdio>

namespace lfkit::engine {
namespace {

// Python's repr of round(x, 2): shortest form, at least one decimal ("2.0", "1.5", "1.81").
std::string python_round2(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(x * 100.0) / 100.0);
  std::string s = buf;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

std::string unit(double value, const char* singular, const char* plural) {
  return value == 1.0 ? singular : plural;
}

}  // namespace

std::string format_duration(double seconds) {
  if (seconds < 0) seconds = 0;
  if (seconds < 1.0) return std::to_string(std::lround(seconds * 1000.0)) + " ms";
  if (seconds < 60.0) {
    double rounded = std::round(seconds * 100.0) / 100.0;
    return python_round2(seconds) + " " + unit(rounded, "second", "seconds");
  }
  long minutes = static_cast<long>(seconds / 60.0);
  double rest = std::round((seconds - static_cast<double>(minutes) * 60.0) * 100.0) / 100.0;
  return std::to_string(minutes) + " " + unit(static_cast<double>(minutes), "minute", "minutes") +
         ", " + python_round2(rest) + " " + unit(rest, "second", "seconds");
}

}  // namespace lfkit::engine
