#include "handlers/flows/flow_text.hpp"

#include "common/clock.hpp"
#include "common/json_text.hpp"

namespace lfkit::handlers::flows {
namespace {

void append_opt(std::string& out, const store::OptString& s) {
  if (s) {
    append_json_string(out, *s);
  } else {
    out.append("null");
  }
}

// A stored JSON column spliced in; absent (or empty) is `fallback`, as parse_column reads it.
void append_raw(std::string& out, const store::OptString& text, std::string_view fallback) {
  out.append(text && !text->empty() ? std::string_view(*text) : fallback);
}

}  // namespace

// Keys in nlohmann's (sorted) order, so the text matches the DOM route.
void append_flow_read(std::string& out, const store::Flow& f) {
  JsonObjectWriter o(out);
  append_json_string(o.key("access_type"), f.access_type);
  append_opt(o.key("action_description"), f.action_description);
  append_opt(o.key("action_name"), f.action_name);
  append_raw(o.key("data"), f.data_json, "null");
  append_opt(o.key("description"), f.description);
  append_opt(o.key("endpoint_name"), f.endpoint_name);
  append_opt(o.key("folder_id"), f.folder_id);
  append_opt(o.key("gradient"), f.gradient);
  append_opt(o.key("icon"), f.icon);
  append_opt(o.key("icon_bg_color"), f.icon_bg_color);
  append_json_string(o.key("id"), f.id);
  append_json_bool(o.key("is_component"), f.is_component);
  append_json_bool(o.key("locked"), f.locked);
  append_json_bool(o.key("mcp_enabled"), f.mcp_enabled);
  append_json_string(o.key("name"), f.name);
  append_raw(o.key("tags"), f.tags_json, "null");
  append_json_string(o.key("updated_at"), iso_utc_seconds(f.updated_at));
  append_opt(o.key("user_id"), f.user_id);
  append_json_bool(o.key("webhook"), f.webhook);
}

void append_flow_header(std::string& out, const store::Flow& f) {
  JsonObjectWriter o(out);
  append_json_string(o.key("access_type"), f.access_type);
  append_opt(o.key("action_description"), f.action_description);
  append_opt(o.key("action_name"), f.action_name);
  if (f.is_component) {
    append_raw(o.key("data"), f.data_json, "null");
  } else {
    o.key("data").append("null");
  }
  append_opt(o.key("description"), f.description);
  append_opt(o.key("endpoint_name"), f.endpoint_name);
  append_opt(o.key("folder_id"), f.folder_id);
  append_json_string(o.key("id"), f.id);
  append_json_bool(o.key("is_component"), f.is_component);
  append_json_bool(o.key("mcp_enabled"), f.mcp_enabled);
  append_json_string(o.key("name"), f.name);
  append_raw(o.key("tags"), f.tags_json, "null");
}

std::string flow_read_text(const store::Flow& flow) {
  std::string out;
  out.reserve(512 + (flow.data_json ? flow.data_json->size() : 0));
  append_flow_read(out, flow);
  return out;
}

std::string flow_list_text(const std::vector<store::Flow>& flows, FlowShape shape,
                           const std::function<bool(const store::Flow&)>& keep) {
  size_t estimate = 2;
  for (const auto& f : flows) estimate += 512 + (f.data_json ? f.data_json->size() : 0);
  std::string out;
  out.reserve(shape == FlowShape::read ? estimate : 512 * flows.size() + 2);
  out.push_back('[');
  bool first = true;
  for (const auto& f : flows) {
    if (keep && !keep(f)) continue;
    if (!first) out.push_back(',');
    first = false;
    if (shape == FlowShape::read) {
      append_flow_read(out, f);
    } else {
      append_flow_header(out, f);
    }
  }
  out.push_back(']');
  return out;
}

std::string page_text(std::string_view items, int64_t total, int64_t page, int64_t size) {
  const int64_t pages = size > 0 ? (total + size - 1) / size : 0;
  std::string out;
  out.reserve(items.size() + 96);
  JsonObjectWriter o(out);
  o.key("items").append(items);
  o.key("page").append(std::to_string(page));
  o.key("pages").append(std::to_string(pages));
  o.key("size").append(std::to_string(size));
  o.key("total").append(std::to_string(total));
  return out;
}

}  // namespace lfkit::handlers::flows
