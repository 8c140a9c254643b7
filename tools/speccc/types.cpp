#include "types.hpp"

namespace speccc {

std::string ref_name(const json& schema) {
  if (!schema.is_object() || !schema.contains("$ref")) return "";
  return schema["$ref"].get<std::string>().substr(std::string("#/components/schemas/").size());
}

const json& strip_null(const json& schema, bool& nullable) {
  nullable = false;
  if (!schema.is_object() || !schema.contains("anyOf")) return schema;
  const json* only = nullptr;
  int non_null = 0;
  for (const auto& m : schema["anyOf"]) {
    if (m.is_object() && m.value("type", "") == "null" && m.size() == 1) {
      nullable = true;
    } else {
      only = &m;
      ++non_null;
    }
  }
  if (non_null == 1 && nullable) return *only;
  nullable = false;
  return schema;
}

bool is_struct_component(const json& schema) {
  return schema.is_object() && schema.value("type", "") == "object" &&
         schema.contains("properties") && !schema["properties"].empty();
}

std::string cpp_value_type(const Spec& spec, const json& schema) {
  if (!schema.is_object()) return "nlohmann::json";
  std::string ref = ref_name(schema);
  if (!ref.empty()) {
    return is_struct_component(spec.components.at(ref)) ? ref : "nlohmann::json";
  }
  if (schema.contains("anyOf") || schema.contains("const")) return "nlohmann::json";
  std::string type = schema.value("type", "");
  if (schema.contains("enum") && type != "string") return "nlohmann::json";
  if (type == "string") return "std::string";
  if (type == "integer") return "int64_t";
  if (type == "number") return "double";
  if (type == "boolean") return "bool";
  if (type == "array") {
    if (!schema.contains("items")) return "std::vector<nlohmann::json>";
    bool nullable = false;
    const json& item = strip_null(schema["items"], nullable);
    std::string inner = cpp_value_type(spec, item);
    if (nullable) inner = "std::optional<" + inner + ">";
    return "std::vector<" + inner + ">";
  }
  return "nlohmann::json";
}

}  // namespace speccc
