// One vertex execution and its upstream JSON shapes (end_vertex build_data).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/component.hpp"
#include "engine/graph.hpp"

namespace lfkit::engine {

struct VertexRun {
  VertexIndex vertex = 0;
  std::string id, type, display_name;
  bool valid = true;
  std::string error;  // when !valid
  ComponentResult result;
  double seconds = 0;  // timedelta
  bool used_frozen_result = false;
  std::string timestamp;  // "2025-02-05T14:45:33.486696Z"
  std::vector<std::string> inactivated_vertices, next_vertices_ids;
  std::vector<std::string> output_names;  // declared outputs of the node, for error shapes
  // build_data.data: {results, outputs, logs, message, artifacts, timedelta, duration,
  // used_frozen_result}. Built once by seal_vertex_run and read by end_vertex, the run
  // response and the run records alike.
  nlohmann::json data;
};

// Fills run.data once the vertex has run; the component's own JSON shapes (results, outputs,
// artifacts) are moved into it, not copied.
void seal_vertex_run(VertexRun& run);
// The whole VertexBuildResponse (end_vertex's build_data).
nlohmann::json build_data_json(const VertexRun& run);

}  // namespace lfkit::engine
