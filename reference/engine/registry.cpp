#include "engine/registry.hpp"

namespace lfkit::engine {

const Value* ComponentContext::input(const std::string& field) const {
  auto it = inputs.find(field);
  return it == inputs.end() || it->second.empty() ? nullptr : &it->second.front();
}

Expected<nlohmann::json, std::string> ComponentContext::param(const std::string& field) const {
  const nlohmann::json* it = node.field(field);
  if (!it) return nlohmann::json(nullptr);
  if (!it->is_object()) return *it;
  nlohmann::json value = it->value("value", nlohmann::json(nullptr));
  bool from_db = it->value("load_from_db", false);
  if (from_db && value.is_string() && !value.get<std::string>().empty()) {
    std::optional<std::string> resolved =
        variables ? variables->lookup(value.get<std::string>()) : std::nullopt;
    if (!resolved) return unexpected(value.get<std::string>() + " variable not found.");
    return nlohmann::json(*resolved);
  }
  return value;
}

Expected<std::string, std::string> ComponentContext::text(const std::string& field) const {
  if (const Value* v = input(field)) return v->as_text();
  auto value = param(field);
  if (!value) return unexpected(value.error());
  if (value->is_string()) return value->get<std::string>();
  if (value->is_null()) return std::string();
  return value->dump();
}

std::string ComponentContext::text_or(const std::string& field, const std::string& fallback) const {
  auto value = text(field);
  return value && !value->empty() ? *value : fallback;
}

std::optional<double> parse_number(const std::string& text) {
  try {
    size_t used = 0;
    double d = std::stod(text, &used);
    return used == text.size() ? std::optional<double>(d) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<double> ComponentContext::number(const std::string& field) const {
  auto value = param(field);
  if (!value) return std::nullopt;
  if (value->is_number()) return value->get<double>();
  if (!value->is_string()) return std::nullopt;
  return parse_number(value->get<std::string>());
}

bool ComponentContext::flag(const std::string& field, bool fallback) const {
  auto value = param(field);
  return value && value->is_boolean() ? value->get<bool>() : fallback;
}

void ComponentRegistry::add(ComponentSpec spec) {
  std::string type = spec.type;
  specs_[type] = std::move(spec);
}

const ComponentSpec* ComponentRegistry::find(const std::string& type) const {
  auto it = specs_.find(type);
  return it == specs_.end() ? nullptr : &it->second;
}

void ComponentRegistry::alias(const std::string& alias, const std::string& type,
                              const std::string& display_name) {
  const ComponentSpec* base = find(type);
  if (!base) return;
  ComponentSpec copy = *base;
  copy.type = alias;
  copy.display_name = display_name;
  add(std::move(copy));
}

std::vector<std::string> ComponentRegistry::types() const {
  std::vector<std::string> out;
  for (const auto& [type, spec] : specs_) out.push_back(type);
  return out;
}

nlohmann::json ComponentRegistry::catalogue() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [type, spec] : specs_) {
    nlohmann::json tmpl = nlohmann::json::object();
    for (const InputSpec& input : spec.inputs) {
      tmpl[input.name] = {{"name", input.name},
                          {"display_name", input.display_name},
                          {"type", input.field_type},
                          {"value", input.value},
                          {"required", false},
                          {"show", true},
                          {"advanced", false},
                          {"multiline", input.multiline},
                          {"input_types", input.input_types},
                          {"list", false},
                          {"placeholder", ""},
                          {"dynamic", false},
                          {"info", ""}};
    }
    tmpl["_type"] = "Component";
    nlohmann::json outputs = nlohmann::json::array();
    std::vector<std::string> base_classes;
    for (const OutputSpec& output : spec.outputs) {
      outputs.push_back({{"name", output.name},
                         {"display_name", output.display_name},
                         {"types", output.types},
                         {"selected", output.types.empty() ? "" : output.types.front()},
                         {"method", output.method},
                         {"cache", true},
                         {"allows_loop", false},
                         {"tool_mode", true}});
      for (const std::string& t : output.types) base_classes.push_back(t);
    }
    out[spec.category][type] = {{"template", tmpl},
                                {"description", spec.description},
                                {"icon", spec.icon},
                                {"base_classes", base_classes},
                                {"display_name", spec.display_name},
                                {"documentation", ""},
                                {"custom_fields", nlohmann::json::object()},
                                {"output_types", nlohmann::json::array()},
                                {"pinned", false},
                                {"conditional_paths", nlohmann::json::array()},
                                {"frozen", false},
                                {"outputs", outputs},
                                {"field_order", nlohmann::json::array()},
                                {"beta", false},
                                {"legacy", false},
                                {"edited", false},
                                {"metadata", nlohmann::json::object()},
                                {"tool_mode", false}};
    nlohmann::json& order = out[spec.category][type]["field_order"];
    for (const InputSpec& input : spec.inputs) order.push_back(input.name);
  }
  return out;
}

bool is_quick_flow(const ComponentRegistry& registry, const FlowData& flow) {
  constexpr size_t kMaxQuickNodes = 16;  // about 0.3 ms of builds at most (bench_engine_run)
  if (flow.nodes.size() > kMaxQuickNodes) return false;
  for (const FlowNode& node : flow.nodes) {
    const ComponentSpec* spec = registry.find(node.type);
    if (!spec || !spec->cpu_only) return false;
  }
  return true;
}

const ComponentRegistry& builtin_registry() {
  static const ComponentRegistry registry = [] {
    ComponentRegistry r;
    register_io_components(r);
    register_prompt_component(r);
    register_language_models(r);
    register_flow_control(r);
    register_text_components(r);
    register_memory_component(r);
    return r;
  }();
  return registry;
}

}  // namespace lfkit::engine
