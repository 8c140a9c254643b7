// Structured access log: one JSON object per request, one line each.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace lfkit::http {

struct AccessLogEntry {
  std::string method;
  std::string target;
  int status = 0;
  uint64_t bytes = 0;       // response body bytes sent (chunk payloads for streams)
  int64_t duration_us = 0;  // from the complete request to the last byte written
  std::string remote;       // peer address
};

using AccessLogSink = std::function<void(const AccessLogEntry&)>;

// {"bytes":15,"duration_us":120,"method":"GET","remote":"127.0.0.1","status":200,"target":"/health","ts":"..."}
std::string format_access_log(const AccessLogEntry& entry);

// A sink that writes formatted lines to stderr in batches (within 100 ms, and
// completely when the last copy of the sink is destroyed); thread-safe.
AccessLogSink stderr_access_log();
// The same, to `file` (opened for appending by the caller, closed by the sink's last copy).
AccessLogSink file_access_log(std::FILE* file);

}  // namespace lfkit::http
