#include "engine/flow_model.hpp"

#include <unordered_set>

namespace lfkit::engine {
namespace {

const json* member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::string string_member(const json& object, const char* key) {
  const json* value = member(object, key);
  return value && value->is_string() ? value->get<std::string>() : std::string();
}

std::string id_prefix(const std::string& id) {
  return id.substr(0, id.find('-'));
}

Expected<FlowNode, LoadError> load_node(const json& node, size_t index) {
  const std::string where = "node #" + std::to_string(index);
  if (!node.is_object()) return unexpected(LoadError{where + " is not an object"});
  FlowNode out;
  out.id = string_member(node, "id");
  if (out.id.empty()) return unexpected(LoadError{where + " has no string id"});
  const json* data = member(node, "data");
  if (!data || !data->is_object())
    return unexpected(LoadError{"node " + out.id + " has no data object"});
  out.type = string_member(*data, "type");
  if (out.type.empty()) out.type = id_prefix(out.id);
  const json* body = member(*data, "node");
  if (body && body->is_object()) {
    if (member(*body, "flow"))
      return unexpected(LoadError{"node " + out.id + " is a group node, which is not supported"});
    out.display_name = string_member(*body, "display_name");
    const json* tmpl = member(*body, "template");
    if (tmpl && !tmpl->is_object())
      return unexpected(LoadError{"node " + out.id + " has a template that is not an object"});
    if (tmpl) out.set_fields(*tmpl);
    if (const json* outputs = member(*body, "outputs"); outputs && outputs->is_array()) {
      for (const json& output : *outputs) {
        std::string name = string_member(output, "name");
        if (!name.empty()) out.output_names.push_back(std::move(name));
      }
    }
    const json* frozen = member(*body, "frozen");
    out.frozen = frozen && frozen->is_boolean() && frozen->get<bool>();
  }
  if (out.display_name.empty()) out.display_name = out.type;
  return out;
}

// The structured handle, or the œ-encoded string form when data.*Handle is absent.
Expected<json, LoadError> handle_of(const json& edge, const char* key, const std::string& where) {
  if (const json* data = member(edge, "data")) {
    if (const json* handle = member(*data, key); handle && handle->is_object()) return *handle;
  }
  if (const json* encoded = member(edge, key); encoded && encoded->is_string()) {
    auto decoded = decode_handle(encoded->get<std::string>());
    if (!decoded) return unexpected(LoadError{where + ": " + decoded.error().message});
    return decoded;
  }
  return json::object();
}

Expected<FlowEdge, LoadError> load_edge(const json& edge, size_t index) {
  std::string where = "edge #" + std::to_string(index);
  if (!edge.is_object()) return unexpected(LoadError{where + " is not an object"});
  if (std::string id = string_member(edge, "id"); !id.empty()) where = "edge " + id;
  auto source = handle_of(edge, "sourceHandle", where);
  if (!source) return unexpected(source.error());
  auto target = handle_of(edge, "targetHandle", where);
  if (!target) return unexpected(target.error());
  FlowEdge out;
  out.source = string_member(*source, "id");
  if (out.source.empty()) out.source = string_member(edge, "source");
  out.target = string_member(*target, "id");
  if (out.target.empty()) out.target = string_member(edge, "target");
  out.source_output = string_member(*source, "name");
  out.target_field = string_member(*target, "fieldName");
  if (out.source.empty()) return unexpected(LoadError{where + " has no source"});
  if (out.target.empty()) return unexpected(LoadError{where + " has no target"});
  return out;
}

}  // namespace

const json* FlowNode::field(const std::string& name) const {
  if (overrides_.is_object()) {
    auto changed = overrides_.find(name);
    if (changed != overrides_.end()) return &*changed;
  }
  if (!template_->is_object()) return nullptr;
  auto it = template_->find(name);
  return it == template_->end() ? nullptr : &*it;
}

json& FlowNode::mutable_field(const std::string& name) {
  if (!overrides_.is_object()) overrides_ = json::object();
  auto changed = overrides_.find(name);
  if (changed != overrides_.end()) return *changed;
  const json* shared = field(name);
  return overrides_[name] = shared ? *shared : json(nullptr);
}

json FlowNode::fields() const {
  json all = template_->is_object() ? *template_ : json::object();
  if (overrides_.is_object())
    for (const auto& [name, value] : overrides_.items()) all[name] = value;
  return all;
}

Expected<json, LoadError> decode_handle(std::string_view encoded) {
  static constexpr std::string_view kQuote = "\xC5\x93";  // "œ" in UTF-8
  std::string text;
  text.reserve(encoded.size());
  for (size_t i = 0; i < encoded.size();) {
    if (encoded.substr(i, kQuote.size()) == kQuote) {
      text.push_back('"');
      i += kQuote.size();
    } else {
      text.push_back(encoded[i++]);
    }
  }
  json parsed = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_object()) return unexpected(LoadError{"handle is not an encoded object"});
  return parsed;
}

Expected<FlowData, LoadError> load_flow(const json& document) {
  const json* graph = &document;
  if (const json* data = member(document, "data"); data && data->is_object()) graph = data;
  if (!graph->is_object()) return unexpected(LoadError{"flow is not a JSON object"});
  const json* nodes = member(*graph, "nodes");
  const json* edges = member(*graph, "edges");
  if (!nodes || !nodes->is_array()) return unexpected(LoadError{"flow has no nodes array"});
  if (edges && !edges->is_array()) return unexpected(LoadError{"flow edges is not an array"});

  FlowData flow;
  std::unordered_set<std::string> ids;
  for (size_t i = 0; i < nodes->size(); ++i) {
    const json& node = (*nodes)[i];
    if (string_member(node, "type") == "noteNode") continue;
    auto loaded = load_node(node, i);
    if (!loaded) return unexpected(loaded.error());
    if (!ids.insert(loaded->id).second)
      return unexpected(LoadError{"node " + loaded->id + " appears more than once"});
    flow.nodes.push_back(std::move(*loaded));
  }
  if (edges) {
    for (size_t i = 0; i < edges->size(); ++i) {
      auto loaded = load_edge((*edges)[i], i);
      if (!loaded) return unexpected(loaded.error());
      flow.edges.push_back(std::move(*loaded));
    }
  }
  return flow;
}

Expected<FlowData, LoadError> parse_flow(std::string_view text) {
  json document = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return unexpected(LoadError{"flow is not valid JSON"});
  return load_flow(document);
}

}  // namespace lfkit::engine
