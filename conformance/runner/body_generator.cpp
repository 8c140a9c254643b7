#include "conformance/runner/body_generator.hpp"

namespace lfkit::conformance {
namespace {

const nlohmann::json* resolve(const nlohmann::json& schema, const nlohmann::json& root) {
  if (!schema.is_object() || !schema.contains("$ref") || !schema["$ref"].is_string())
    return &schema;
  const auto ref = schema["$ref"].get<std::string>();
  if (!ref.starts_with("#")) return &schema;
  try {
    return &root.at(nlohmann::json::json_pointer(ref.substr(1)));
  } catch (const nlohmann::json::exception&) {
    return &schema;  // dangling ref: fall back to "anything"
  }
}

bool is_uuid_pattern(const nlohmann::json& schema) {
  return schema.contains("pattern") && schema["pattern"].is_string() &&
         schema["pattern"].get<std::string>().find("[0-9a-fA-F]{8}-") != std::string::npos;
}

}  // namespace

bool is_uuid_schema(std::string_view schema_json) {
  return schema_json.find("\"uuid\"") != std::string_view::npos ||
         schema_json.find("[0-9a-fA-F]{8}-") != std::string_view::npos;
}

const nlohmann::json& resolve_schema(const nlohmann::json& schema, const nlohmann::json& root) {
  const auto* current = resolve(schema, root);
  for (int hops = 0; hops < 8; ++hops) {
    if (current->is_object() && current->contains("$ref")) {
      const auto* next = resolve(*current, root);
      if (next == current) break;
      current = next;
    } else if (current->is_object() && current->contains("allOf") &&
               (*current)["allOf"].is_array() && (*current)["allOf"].size() == 1) {
      current = resolve((*current)["allOf"][0], root);
    } else {
      break;
    }
  }
  return *current;
}

nlohmann::json minimal_instance(const nlohmann::json& input, const nlohmann::json& root,
                                int depth) {
  const auto& schema = *resolve(input, root);
  if (!schema.is_object() || depth > 12) return nullptr;
  if (schema.contains("default")) return schema["default"];
  if (schema.contains("const")) return schema["const"];
  if (schema.contains("enum") && schema["enum"].is_array() && !schema["enum"].empty()) {
    return schema["enum"][0];
  }
  for (const char* combinator : {"allOf", "anyOf", "oneOf"}) {
    if (schema.contains(combinator) && schema[combinator].is_array() &&
        !schema[combinator].empty()) {
      // Prefer a non-null branch so optional objects are still exercised.
      for (const auto& branch : schema[combinator]) {
        const auto& b = *resolve(branch, root);
        if (!(b.is_object() && b.value("type", "") == "null"))
          return minimal_instance(b, root, depth + 1);
      }
      return nullptr;
    }
  }
  std::string type = "object";
  if (schema.contains("type")) {
    const auto& t = schema["type"];
    if (t.is_string()) type = t.get<std::string>();
    if (t.is_array() && !t.empty()) {
      type = t[0].get<std::string>();
      for (const auto& candidate : t) {
        if (candidate != "null") {
          type = candidate.get<std::string>();
          break;
        }
      }
    }
  } else if (!schema.contains("properties")) {
    return nlohmann::json::object();
  }
  if (type == "string") {
    const auto format = schema.value("format", "");
    if (format == "uuid" || is_uuid_pattern(schema)) return "00000000-0000-4000-8000-000000000000";
    if (format == "date-time") return "2024-01-01T00:00:00+00:00";
    const auto min = schema.value("minLength", 1);
    return std::string(static_cast<std::size_t>(std::max(min, 1)), 'x');
  }
  if (type == "integer") return schema.value("minimum", 0);
  if (type == "number") return schema.value("minimum", 0.0);
  if (type == "boolean") return false;
  if (type == "null") return nullptr;
  if (type == "array") {
    auto out = nlohmann::json::array();
    const auto min = schema.value("minItems", 0);
    for (int i = 0; i < min; ++i)
      out.push_back(
          minimal_instance(schema.value("items", nlohmann::json::object()), root, depth + 1));
    return out;
  }
  auto out = nlohmann::json::object();
  if (schema.contains("required") && schema["required"].is_array() &&
      schema.contains("properties")) {
    for (const auto& name : schema["required"]) {
      const auto key = name.get<std::string>();
      if (schema["properties"].contains(key)) {
        out[key] = minimal_instance(schema["properties"][key], root, depth + 1);
      }
    }
  }
  return out;
}

}  // namespace lfkit::conformance
