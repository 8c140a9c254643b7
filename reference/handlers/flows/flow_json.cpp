#include "handlers/flows/flow_json.hpp"

#include "common/clock.hpp"
#include "handlers/flows/naming.hpp"

namespace lfkit::handlers::flows {
namespace {

using nlohmann::json;

json opt(const store::OptString& s) {
  return s ? json(*s) : json(nullptr);
}

// One pydantic "value_error" entry in FastAPI's 422 body.
Rejection value_error(std::string_view field, std::string_view message, const json& input) {
  json error = {{"type", "value_error"},
                {"loc", {"body", field}},
                {"msg", "Value error, " + std::string(message)},
                {"input", input},
                {"ctx", {{"error", json::object()}}}};
  return {422, {{"detail", json::array({error})}}};
}

// nlohmann's value() throws on a type mismatch; uploaded flows are untrusted.
bool flag(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_boolean() && it->get<bool>();
}

bool looks_like_api_key(std::string_view name) {
  return name.find("api") != std::string_view::npos && name.find("key") != std::string_view::npos;
}

}  // namespace

json parse_column(const store::OptString& text, json fallback) {
  if (!text) return fallback;
  json parsed = json::parse(*text, nullptr, false);
  return parsed.is_discarded() ? fallback : parsed;
}

json flow_read_json(const store::Flow& f) {
  return {{"name", f.name},
          {"description", opt(f.description)},
          {"icon", opt(f.icon)},
          {"icon_bg_color", opt(f.icon_bg_color)},
          {"gradient", opt(f.gradient)},
          {"data", parse_column(f.data_json)},
          {"is_component", f.is_component},
          {"updated_at", iso_utc_seconds(f.updated_at)},
          {"webhook", f.webhook},
          {"endpoint_name", opt(f.endpoint_name)},
          {"tags", parse_column(f.tags_json)},
          {"locked", f.locked},
          {"mcp_enabled", f.mcp_enabled},
          {"action_name", opt(f.action_name)},
          {"action_description", opt(f.action_description)},
          {"access_type", f.access_type},
          {"id", f.id},
          {"user_id", opt(f.user_id)},
          {"folder_id", opt(f.folder_id)}};
}

json flow_header_json(const store::Flow& f) {
  return {{"id", f.id},
          {"name", f.name},
          {"folder_id", opt(f.folder_id)},
          {"is_component", f.is_component},
          {"endpoint_name", opt(f.endpoint_name)},
          {"description", opt(f.description)},
          {"data", f.is_component ? parse_column(f.data_json) : json(nullptr)},
          {"access_type", f.access_type},
          {"tags", parse_column(f.tags_json)},
          {"mcp_enabled", f.mcp_enabled},
          {"action_name", opt(f.action_name)},
          {"action_description", opt(f.action_description)}};
}

json flow_list_json(const std::vector<store::Flow>& flows) {
  json list = json::array();
  for (const auto& f : flows) list.push_back(flow_read_json(f));
  return list;
}

json folder_read_json(const store::Folder& f) {
  return {{"name", f.name},
          {"description", opt(f.description)},
          {"auth_settings", parse_column(f.auth_settings_json)},
          {"id", f.id},
          {"parent_id", opt(f.parent_id)}};
}

json page_json(json items, int64_t total, int64_t page, int64_t size) {
  int64_t pages = size > 0 ? (total + size - 1) / size : 0;
  return {{"items", std::move(items)},
          {"total", total},
          {"page", page},
          {"size", size},
          {"pages", pages}};
}

std::optional<Rejection> check_flow_fields(const json& body, bool allow_empty_endpoint) {
  if (!body.is_object()) return std::nullopt;
  if (auto it = body.find("endpoint_name"); it != body.end() && it->is_string()) {
    const auto& endpoint = it->get_ref<const std::string&>();
    if (!(allow_empty_endpoint && endpoint.empty()) && !valid_endpoint_name(endpoint)) {
      return Rejection{
          422,
          {{"detail",
            "Endpoint name must contain only letters, numbers, hyphens, and underscores"}}};
    }
  }
  if (auto it = body.find("icon_bg_color"); it != body.end() && it->is_string()) {
    const auto& color = it->get_ref<const std::string&>();
    if (!color.empty() && color.front() != '#') {
      return value_error("icon_bg_color", "Icon background color must start with #", *it);
    }
    if (!color.empty() && color.size() != 7) {
      return value_error("icon_bg_color", "Icon background color must be 7 characters long", *it);
    }
  }
  if (auto it = body.find("data"); it != body.end() && it->is_object() && !it->empty()) {
    if (!it->contains("nodes")) return value_error("data", "Flow must have nodes", *it);
    if (!it->contains("edges")) return value_error("data", "Flow must have edges", *it);
  }
  return std::nullopt;
}

bool has_webhook_component(const json& data) {
  if (!data.is_object()) return false;
  auto nodes = data.find("nodes");
  if (nodes == data.end() || !nodes->is_array()) return false;
  for (const auto& node : *nodes) {
    if (!node.is_object()) continue;
    auto inner = node.find("data");
    if (inner != node.end() && inner->is_object() && inner->contains("type") &&
        (*inner)["type"] == "Webhook") {
      return true;
    }
  }
  return false;
}

json strip_secrets(json data) {
  if (!data.is_object() || !data.contains("nodes") || !data["nodes"].is_array()) return data;
  for (auto& node : data["nodes"]) {
    if (!node.is_object() || !node.contains("data") || !node["data"].is_object()) continue;
    auto& inner = node["data"];
    if (!inner.contains("node") || !inner["node"].is_object()) continue;
    auto& component = inner["node"];
    if (!component.contains("template") || !component["template"].is_object()) continue;
    for (auto& [name, field] : component["template"].items()) {
      if (!field.is_object() || !field.contains("value")) continue;
      bool secret = flag(field, "password") || looks_like_api_key(name);
      if (secret && !flag(field, "load_from_db")) field["value"] = nullptr;
    }
  }
  return data;
}

}  // namespace lfkit::handlers::flows
