#include "handlers/flows/flow_service.hpp"

#include <algorithm>
#include <set>

#include "common/uuid.hpp"
#include "handlers/flows/flow_fs.hpp"
#include "handlers/flows/flow_json.hpp"
#include "handlers/flows/naming.hpp"
#include "lfkit/api/validators.hpp"

namespace lfkit::handlers::flows {
namespace {

using nlohmann::json;

// A string member that is present and not null.
std::optional<std::string> str(const json& body, const char* key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::string> uuid_member(const json& body, const char* key) {
  auto s = str(body, key);
  if (!s) return std::nullopt;
  auto canonical = api::canonical_uuid(*s);
  return canonical ? canonical : s;
}

bool set_and_not_null(const json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && !it->is_null();
}

HttpError from_rejection(const Rejection& r) {
  return {r.status, r.body};
}

// Store conflict messages are already Langflow's ("Name must be unique", ...);
// a primary-key clash is upstream's "Id must be unique".
std::string conflict_message(const store::StoreError& e) {
  if (e.message == "Name must be unique" || e.message == "Endpoint name must be unique") {
    return e.message;
  }
  return "Id must be unique";
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Fields FlowUpdate carries (PATCH applies nothing else).
constexpr const char* kUpdateFields[] = {
    "name",        "description",        "data",        "endpoint_name", "locked", "mcp_enabled",
    "action_name", "action_description", "access_type", "fs_path"};

void apply_fields(store::Flow& flow, const json& body, bool update_model_only) {
  auto allowed = [&](const char* key) {
    if (!update_model_only) return true;
    return std::any_of(std::begin(kUpdateFields), std::end(kUpdateFields),
                       [&](const char* k) { return std::string_view(k) == key; });
  };
  auto text = [&](const char* key, store::OptString& target) {
    if (allowed(key) && set_and_not_null(body, key) && body[key].is_string()) {
      target = body[key].get<std::string>();
    }
  };
  auto flag = [&](const char* key, bool& target) {
    if (allowed(key) && set_and_not_null(body, key) && body[key].is_boolean()) {
      target = body[key].get<bool>();
    }
  };
  if (allowed("name") && set_and_not_null(body, "name") && body["name"].is_string()) {
    flow.name = body["name"].get<std::string>();
  }
  text("description", flow.description);
  text("icon", flow.icon);
  text("icon_bg_color", flow.icon_bg_color);
  text("gradient", flow.gradient);
  if (allowed("data") && set_and_not_null(body, "data")) flow.data_json = body["data"].dump();
  flag("is_component", flow.is_component);
  flag("webhook", flow.webhook);
  flag("locked", flow.locked);
  flag("mcp_enabled", flow.mcp_enabled);
  text("action_name", flow.action_name);
  text("action_description", flow.action_description);
  text("fs_path", flow.fs_path);
  if (allowed("tags") && set_and_not_null(body, "tags")) flow.tags_json = body["tags"].dump();
  if (allowed("access_type") && set_and_not_null(body, "access_type") &&
      body["access_type"].is_string()) {
    flow.access_type = body["access_type"].get<std::string>();
  }
  // endpoint_name: a value sets it; an explicit null or "" clears it.
  if (auto it = body.find("endpoint_name"); it != body.end()) {
    if (it->is_null() || (it->is_string() && it->get_ref<const std::string&>().empty())) {
      flow.endpoint_name.reset();
    } else if (it->is_string()) {
      flow.endpoint_name = it->get<std::string>();
    }
  }
}

HttpError store_failure_to_http(const store::StoreError& e, int conflict_status) {
  switch (e.code) {
    case store::StoreErrorCode::conflict:
      return HttpError::detail(conflict_status, conflict_message(e));
    case store::StoreErrorCode::not_found:
      return HttpError::detail(404, "Flow not found");
    case store::StoreErrorCode::invalid:
      return HttpError::detail(400, "Folder not found");
    case store::StoreErrorCode::io:
      break;
  }
  return HttpError::detail(500, "Could not persist the flow.");
}

}  // namespace

void apply_flow_fields(store::Flow& flow, const json& body) {
  apply_fields(flow, body, false);
}

std::string describe_flow_errors(const json& flow_json) {
  api::Errors errors;
  api::validate::check_FlowCreate(flow_json, api::Loc{}, errors);
  if (errors.empty()) return {};
  std::string text = std::to_string(errors.size()) + " validation error" +
                     (errors.size() == 1 ? "" : "s") + " for FlowCreate";
  for (const auto& e : errors) {
    std::string where;
    for (const auto& part : e.loc) {
      if (part.is_string() && part.get_ref<const std::string&>().empty()) continue;
      if (!where.empty()) where += ".";
      where += part.is_string() ? part.get<std::string>() : part.dump();
    }
    text += "\n" + where + "\n  " + e.msg + " [type=" + e.type + "]";
  }
  return text;
}

Outcome<store::Folder> FlowService::default_folder(const std::string& user_id) const {
  auto folder =
      store().ensure_folder(user_id, api::kDefaultFolderName, api::kDefaultFolderDescription);
  if (!folder) return lfkit::unexpected(HttpError::detail(400, "Folder not found"));
  return *folder;
}

Outcome<std::string> FlowService::resolve_folder(const std::string& user_id,
                                                 const std::optional<std::string>& requested,
                                                 bool reject_invalid) const {
  if (requested) {
    auto canonical = api::canonical_uuid(*requested);
    if (canonical) {
      if (auto folder = store().get_folder(user_id, *canonical)) return folder->id;
    }
    if (reject_invalid) return lfkit::unexpected(HttpError::detail(400, "Folder not found"));
  }
  auto folder = default_folder(user_id);
  if (!folder) return lfkit::unexpected(folder.error());
  return folder->id;
}

Outcome<void> FlowService::check_fs_path(const std::string& user_id, const json& body) const {
  auto path = str(body, "fs_path");
  if (!path) return {};
  auto safe = safe_flow_path(services().settings.config_dir, user_id, *path);
  if (!safe) return lfkit::unexpected(safe.error());
  return {};
}

Outcome<store::Flow> FlowService::mirrored(store::Flow flow) const {
  if (auto saved = save_flow_to_fs(services().settings.config_dir, flow); !saved) {
    return lfkit::unexpected(saved.error());
  }
  return flow;
}

Outcome<store::Flow> FlowService::create(const std::string& user_id, const json& body,
                                         const NewFlowOptions& options) const {
  if (auto rejected = check_flow_fields(body, false)) {
    return lfkit::unexpected(from_rejection(*rejected));
  }
  if (auto ok = check_fs_path(user_id, body); !ok) return lfkit::unexpected(ok.error());
  auto folder_id = resolve_folder(user_id, str(body, "folder_id"), options.reject_invalid_folder);
  if (!folder_id) return lfkit::unexpected(folder_id.error());

  store::Flow flow;
  flow.tags_json = "[]";
  apply_flow_fields(flow, body);
  flow.endpoint_name = str(body, "endpoint_name");
  if (flow.endpoint_name && flow.endpoint_name->empty()) flow.endpoint_name.reset();
  flow.id = options.id ? *options.id : uuid_member(body, "id").value_or(new_uuid());
  flow.user_id = user_id;
  flow.folder_id = *folder_id;
  flow.updated_at = {};

  auto names = store().flow_names_with_prefix(user_id, flow.name);
  if (!names) return lfkit::unexpected(store_failure_to_http(names.error(), 400));
  flow.name = unique_flow_name(flow.name, *names);
  if (flow.endpoint_name) {
    auto endpoints = store().endpoint_names_with_prefix(user_id, *flow.endpoint_name);
    if (!endpoints) return lfkit::unexpected(store_failure_to_http(endpoints.error(), 400));
    if (contains(*endpoints, *flow.endpoint_name) && options.fail_on_endpoint_conflict) {
      return lfkit::unexpected(HttpError::detail(409, "Endpoint name must be unique"));
    }
    flow.endpoint_name = unique_endpoint_name(*flow.endpoint_name, *endpoints);
  }
  auto created = store().create_flow(std::move(flow));
  if (!created) {
    return lfkit::unexpected(
        store_failure_to_http(created.error(), options.fail_on_endpoint_conflict ? 409 : 400));
  }
  return mirrored(*created);
}

Outcome<store::Flow> FlowService::replace(const std::string& user_id, store::Flow existing,
                                          const json& body) const {
  if (auto rejected = check_flow_fields(body, true)) {
    return lfkit::unexpected(from_rejection(*rejected));
  }
  if (auto ok = check_fs_path(user_id, body); !ok) return lfkit::unexpected(ok.error());
  if (auto requested = str(body, "folder_id")) {
    auto folder = resolve_folder(user_id, requested, true);
    if (!folder) return lfkit::unexpected(folder.error());
    existing.folder_id = *folder;
  }
  if (auto name = str(body, "name"); name && *name != existing.name) {
    auto names = store().flow_names_with_prefix(user_id, *name);
    if (names && contains(*names, *name)) {
      return lfkit::unexpected(HttpError::detail(409, "Name must be unique"));
    }
  }
  if (auto endpoint = str(body, "endpoint_name");
      endpoint && !endpoint->empty() && endpoint != existing.endpoint_name) {
    auto other = store().find_flow_by_endpoint_name(user_id, *endpoint);
    if (other && other->id != existing.id) {
      return lfkit::unexpected(HttpError::detail(409, "Endpoint name must be unique"));
    }
  }
  apply_flow_fields(existing, body);
  if (services().settings.remove_api_keys && existing.data_json) {
    existing.data_json = strip_secrets(parse_column(existing.data_json)).dump();
  }
  existing.webhook = has_webhook_component(parse_column(existing.data_json));
  auto saved = store().update_flow(user_id, existing);
  if (!saved) return lfkit::unexpected(store_failure_to_http(saved.error(), 409));
  return mirrored(*saved);
}

Outcome<store::Flow> FlowService::patch(const std::string& user_id, store::Flow existing,
                                        const json& body) const {
  if (auto rejected = check_flow_fields(body, true)) {
    return lfkit::unexpected(from_rejection(*rejected));
  }
  if (auto requested = str(body, "folder_id")) {
    auto folder = resolve_folder(user_id, requested, false);
    if (!folder) return lfkit::unexpected(folder.error());
    existing.folder_id = *folder;
  }
  apply_fields(existing, body, true);
  if (set_and_not_null(body, "fs_path")) {
    if (auto ok = check_fs_path(user_id, body); !ok) return lfkit::unexpected(ok.error());
  }
  if (services().settings.remove_api_keys && existing.data_json) {
    existing.data_json = strip_secrets(parse_column(existing.data_json)).dump();
  }
  existing.webhook = has_webhook_component(parse_column(existing.data_json));
  auto saved = store().update_flow(user_id, existing);
  if (!saved) return lfkit::unexpected(store_failure_to_http(saved.error(), 400));
  return mirrored(*saved);
}

Outcome<std::vector<store::Flow>> FlowService::create_batch(const std::string& user_id,
                                                            const std::vector<json>& bodies) const {
  for (const auto& body : bodies) {
    if (auto rejected = check_flow_fields(body, false)) {
      return lfkit::unexpected(from_rejection(*rejected));
    }
  }
  std::vector<std::string> taken;
  for (const auto& body : bodies) {
    auto id = uuid_member(body, "id");
    if (id && store().get_flow_unscoped(*id)) taken.push_back(*id);
  }
  if (!taken.empty()) {
    std::string list;
    for (const auto& id : taken) list += (list.empty() ? "" : ", ") + id;
    return lfkit::unexpected(HttpError::detail(
        422, "Flow(s) with the following IDs already exist: " + list +
                 ". Use the update endpoint or upload_file() for upsert semantics."));
  }
  std::vector<store::Flow> created;
  auto undo = [&] {
    std::vector<std::string> ids;
    for (const auto& f : created) ids.push_back(f.id);
    (void)store().delete_flows(user_id, ids);
  };
  for (const auto& body : bodies) {
    auto folder_id = resolve_folder(user_id, str(body, "folder_id"), false);
    if (!folder_id) {
      undo();
      return lfkit::unexpected(folder_id.error());
    }
    store::Flow flow;
    flow.tags_json = "[]";
    apply_flow_fields(flow, body);
    flow.id = uuid_member(body, "id").value_or(new_uuid());
    flow.user_id = user_id;
    flow.folder_id = *folder_id;
    auto saved = store().create_flow(std::move(flow));
    if (!saved) {
      undo();
      return lfkit::unexpected(store_failure_to_http(saved.error(), 409));
    }
    created.push_back(std::move(*saved));
  }
  return created;
}

}  // namespace lfkit::handlers::flows
