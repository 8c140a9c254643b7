// The /api/v1/run response body (RunResponse) from a finished run.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/executor.hpp"

namespace lfkit::engine {

struct OutputSelection {
  std::string output_type = "chat";  // chat | text | any | debug
  std::string output_component;      // vertex id or display name; wins when set
};

// {"session_id", "outputs":[{"inputs": {...}|{}, "outputs":[ResultData...]}]}, with
// timedelta/duration null as on /run. Only built vertices that are selected appear, in
// graph order (the last build of each vertex). Written as text from the vertices' sealed
// data (what /run answers); the DOM form parses that text.
std::string run_response_text(const RunOutcome& outcome,
                              const std::optional<std::string>& input_value,
                              const OutputSelection& selection = {});
nlohmann::json build_run_response(const RunOutcome& outcome,
                                  const std::optional<std::string>& input_value,
                                  const OutputSelection& selection = {});

}  // namespace lfkit::engine
