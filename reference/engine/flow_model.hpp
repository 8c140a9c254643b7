// Langflow flow JSON as exported: {data:{nodes,edges,viewport}} or bare {nodes,edges}.
// Only the fields the engine needs are lifted out; everything else is ignored.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/expected.hpp"

namespace lfkit::engine {

using json = nlohmann::json;

struct FlowNode {
  std::string id;                         // node id, e.g. "ChatInput-TAEvF"
  std::string type;                       // data.type (falls back to the id prefix)
  std::string display_name;               // data.node.display_name (falls back to type)
  std::vector<std::string> output_names;  // data.node.outputs[].name, in order
  bool frozen = false;                    // data.node.frozen

  // data.node.template's field `name` ({value, ...} as exported), or null when it has none.
  const json* field(const std::string& name) const;
  // For changing one field (tweaks, the run's input): that field alone is copied into this
  // node's own overrides. The template stays shared, read-only, with the cached flow the run
  // was copied from (an input's template is large; its input_value field is small).
  json& mutable_field(const std::string& name);
  // The whole template with this node's overrides applied (a copy: for tests and tools).
  json fields() const;
  void set_fields(json fields) { template_ = std::make_shared<const json>(std::move(fields)); }

 private:
  std::shared_ptr<const json> template_ = std::make_shared<const json>(json::object());
  json overrides_;  // null, or field -> its changed copy
};

struct FlowEdge {
  std::string source;         // sourceHandle.id (or edge.source)
  std::string target;         // targetHandle.id (or edge.target)
  std::string source_output;  // sourceHandle.name
  std::string target_field;   // targetHandle.fieldName
};

struct FlowData {
  std::vector<FlowNode> nodes;
  std::vector<FlowEdge> edges;
};

// A load failure names the node or edge at fault.
struct LoadError {
  std::string message;
};

// Parses the flow document; noteNode entries are skipped, group nodes are not supported.
Expected<FlowData, LoadError> load_flow(const json& document);
Expected<FlowData, LoadError> parse_flow(std::string_view text);

// Decodes an edge handle string using the œ quote character into JSON.
Expected<json, LoadError> decode_handle(std::string_view encoded);

}  // namespace lfkit::engine
