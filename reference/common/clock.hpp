// Timestamps in the formats Langflow emits.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace lfkit {

using SystemTime = std::chrono::system_clock::time_point;

// "2024-05-29T17:57:17.123456+00:00" (pydantic's serialisation of aware datetimes).
std::string iso_utc_micros(SystemTime t);
// "2024-05-29T17:57:17.123456Z" (a vertex build's `timestamp`).
std::string iso_utc_micros_z(SystemTime t);
// "2024-05-29T17:57:17+00:00" (flows' updated_at: microseconds dropped).
std::string iso_utc_seconds(SystemTime t);
// "2024-05-29 17:57:17 UTC" (message timestamps inside token events).
std::string utc_spaced(SystemTime t);
int64_t unix_seconds(SystemTime t);

}  // namespace lfkit
