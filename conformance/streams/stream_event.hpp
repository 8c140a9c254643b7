// One decoded event of a run (SSE-ish) or build (NDJSON) stream.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

namespace lfkit::conformance {

struct StreamEvent {
  std::string name;     // "" when the frame carried no event name
  nlohmann::json data;  // the "data" payload (null when absent)
  std::string raw;      // the frame as received, for reproducers
  bool parsed = true;   // false: the frame was not valid JSON
  std::string parse_error;
  std::chrono::milliseconds at{0};  // arrival, relative to the request start
};

}  // namespace lfkit::conformance
