#include "engine/tweaks.hpp"

namespace lfkit::engine {
namespace {

void apply_field(FlowNode& node, const std::string& field, const nlohmann::json& value) {
  if (field == "code") return;
  if (!node.field(field)) return;  // unknown fields are ignored
  nlohmann::json* it = &node.mutable_field(field);
  if (!it->is_object()) {
    *it = nlohmann::json{{"value", value}};
    return;
  }
  const std::string type = it->value("type", std::string());
  if (type == "file") {
    (*it)["file_path"] = value;
  } else if (type == "dict") {
    (*it)["value"] = value.is_object() && value.contains("value") ? value["value"] : value;
  } else if (value.is_object()) {
    for (auto& [key, v] : value.items()) (*it)[key] = v;
  } else {
    (*it)["value"] = value;
    (*it)["load_from_db"] = false;
  }
}

}  // namespace

void set_field_value(FlowNode& node, const std::string& field, const nlohmann::json& value) {
  nlohmann::json& slot = node.mutable_field(field);
  if (!slot.is_object()) slot = nlohmann::json::object();
  slot["value"] = value;
  slot["load_from_db"] = false;
}

void apply_tweaks(FlowData& flow, const nlohmann::json& tweaks) {
  if (!tweaks.is_object()) return;
  for (FlowNode& node : flow.nodes) {
    for (auto& [key, value] : tweaks.items()) {
      if (!value.is_object()) {
        apply_field(node, key, value);  // global tweak: any node with that field
        continue;
      }
      if (key != node.id && key != node.display_name) continue;
      for (auto& [field, field_value] : value.items()) apply_field(node, field, field_value);
    }
  }
}

}  // namespace lfkit::engine
