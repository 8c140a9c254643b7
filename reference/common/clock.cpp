#include "common/clock.hpp"

#include <string_view>

namespace lfkit {
namespace {

// Calendar fields of a UTC time point, from <chrono>'s civil calendar: no gmtime_r/strftime,
// whose locale and time zone machinery cost more than the formatting (runs stamp several
// timestamps each).
struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
  int64_t micros;  // 0..999999
};

Civil civil(SystemTime t) {
  using namespace std::chrono;
  const auto micros = floor<microseconds>(t);
  const auto secs = floor<seconds>(micros);
  const auto day = floor<days>(secs);
  const year_month_day ymd{day};
  const hh_mm_ss hms{secs - day};
  return {int(ymd.year()),
          unsigned(ymd.month()),
          unsigned(ymd.day()),
          static_cast<unsigned>(hms.hours().count()),
          static_cast<unsigned>(hms.minutes().count()),
          static_cast<unsigned>(hms.seconds().count()),
          (micros - secs).count()};
}

void append_digits(std::string& out, uint64_t value, int width) {
  char digits[20];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

// "YYYY-MM-DD<sep>HH:MM:SS"; years outside 0..9999 are written in full.
std::string date_time(const Civil& c, char sep) {
  std::string out;
  out.reserve(40);
  if (c.year >= 0 && c.year <= 9999)
    append_digits(out, static_cast<uint64_t>(c.year), 4);
  else
    out += std::to_string(c.year);
  out += '-';
  append_digits(out, c.month, 2);
  out += '-';
  append_digits(out, c.day, 2);
  out += sep;
  append_digits(out, c.hour, 2);
  out += ':';
  append_digits(out, c.minute, 2);
  out += ':';
  append_digits(out, c.second, 2);
  return out;
}

// "YYYY-MM-DDTHH:MM:SS.ffffff" followed by the zone suffix.
std::string iso_micros(SystemTime t, std::string_view zone) {
  const Civil c = civil(t);
  std::string out = date_time(c, 'T');
  out += '.';
  append_digits(out, static_cast<uint64_t>(c.micros), 6);
  out += zone;
  return out;
}

}  // namespace

std::string iso_utc_micros(SystemTime t) {
  return iso_micros(t, "+00:00");
}

std::string iso_utc_micros_z(SystemTime t) {
  return iso_micros(t, "Z");
}

std::string iso_utc_seconds(SystemTime t) {
  return date_time(civil(t), 'T') + "+00:00";
}

std::string utc_spaced(SystemTime t) {
  return date_time(civil(t), ' ') + " UTC";
}

int64_t unix_seconds(SystemTime t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace lfkit
