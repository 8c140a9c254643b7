#include "http/access_log.hpp"

#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

#include "common/clock.hpp"

namespace lfkit::http {

std::string format_access_log(const AccessLogEntry& e) {
  nlohmann::json j = {{"ts", lfkit::iso_utc_micros(std::chrono::system_clock::now())},
                      {"method", e.method},
                      {"target", e.target},
                      {"status", e.status},
                      {"bytes", e.bytes},
                      {"duration_us", e.duration_us},
                      {"remote", e.remote}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

AccessLogSink stderr_access_log() {
  return [](const AccessLogEntry& e) {
    static std::mutex mu;
    std::string line = format_access_log(e) + "\n";
    std::lock_guard lock(mu);
    std::fwrite(line.data(), 1, line.size(), stderr);
  };
}

}  // namespace lfkit::http
