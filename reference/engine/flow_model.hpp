// Langflow flow JSON as exported: {data:{nodes,edges,viewport}} or bare {nodes,edges}.
// Only the fields the engine needs are lifted out; everything else is ignored.
#pragma once

#include <atomic>
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

  // data.node.template (object; field -> {value, ...}).
  const json& fields() const { return *template_; }
  // For changing fields (tweaks, the run's input): a template still shared with the cached
  // flow a run was copied from is copied first, so runs copy only what they change.
  json& mutable_fields() {
    if (template_.use_count() > 1) {
      template_ = std::make_shared<json>(*template_);
    } else {
      // Sole owner: the last other owner's reads of it happened before its release.
      std::atomic_thread_fence(std::memory_order_acquire);
    }
    return *template_;
  }
  void set_fields(json fields) { template_ = std::make_shared<json>(std::move(fields)); }

 private:
  std::shared_ptr<json> template_ = std::make_shared<json>(json::object());
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
