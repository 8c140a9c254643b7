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
// graph order (the last build of each vertex).
nlohmann::json build_run_response(const RunOutcome& outcome,
                                  const std::optional<std::string>& input_value,
                                  const OutputSelection& selection = {});

// One ResultData entry.
nlohmann::json result_data_json(const VertexRun& run, const std::string& session_id);

}  // namespace lfkit::engine
