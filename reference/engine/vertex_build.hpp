// One vertex execution and its upstream JSON shapes (end_vertex build_data).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/component.hpp"
#include "engine/graph.hpp"

namespace lfkit::engine {

// build_data.data's object members, each serialized once as JSON text. The run response,
// the run records and (parsed) the end_vertex event are all spliced from these.
struct VertexDataText {
  std::string results, outputs, logs, message, artifacts;
};

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
  VertexDataText data;                    // filled by seal_vertex_run
};

// Fills run.data once the vertex has run (the component's own texts are moved in).
void seal_vertex_run(VertexRun& run);
// build_data.data: {results, outputs, logs, message, artifacts, timedelta, duration,
// used_frozen_result}, as text and as a DOM.
std::string vertex_data_text(const VertexRun& run);
nlohmann::json vertex_data_json(const VertexRun& run);
// The whole VertexBuildResponse (end_vertex's build_data).
nlohmann::json build_data_json(const VertexRun& run);

}  // namespace lfkit::engine
