#include "handlers/projects/projects_handlers.hpp"

#include <algorithm>
#include <set>

#include "api/context.hpp"
#include "handlers/flows/flow_files.hpp"
#include "handlers/flows/flow_json.hpp"
#include "handlers/flows/naming.hpp"

namespace lfkit::handlers::projects {
namespace {

using flows::HttpError;
using nlohmann::json;

void respond_error(api::Context& ctx, const HttpError& error) {
  ctx.respond_json(error.status, error.body);
}

const std::string& user_of(const api::Context& ctx) {
  return ctx.caller()->user_id;
}

// RFC 5987 value for filename*=UTF-8''...: everything but unreserved characters encoded.
std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// fastapi-pagination's Params bounds (page >= 1, 1 <= size <= 100) as a 422.
std::optional<json> check_page_params(int64_t page, int64_t size) {
  json errors = json::array();
  if (page < 1) {
    errors.push_back({{"type", "greater_than_equal"},
                      {"loc", {"query", "page"}},
                      {"msg", "Input should be greater than or equal to 1"},
                      {"input", std::to_string(page)},
                      {"ctx", {{"ge", 1}}}});
  }
  if (size < 1) {
    errors.push_back({{"type", "greater_than_equal"},
                      {"loc", {"query", "size"}},
                      {"msg", "Input should be greater than or equal to 1"},
                      {"input", std::to_string(size)},
                      {"ctx", {{"ge", 1}}}});
  } else if (size > 100) {
    errors.push_back({{"type", "less_than_equal"},
                      {"loc", {"query", "size"}},
                      {"msg", "Input should be less than or equal to 100"},
                      {"input", std::to_string(size)},
                      {"ctx", {{"le", 100}}}});
  }
  if (errors.empty()) return std::nullopt;
  return json{{"detail", errors}};
}

}  // namespace

flows::Outcome<store::Folder> ProjectsHandlers::create_unique(const api::Context& ctx,
                                                              const std::string& name,
                                                              store::OptString description,
                                                              const json& auth_settings) const {
  const auto& user_id = user_of(ctx);
  auto existing = service_.store().folder_names_with_prefix(user_id, name);
  if (!existing) return lfkit::unexpected(HttpError::detail(500, existing.error().message));
  store::Folder folder;
  folder.name = flows::unique_project_name(name, *existing);
  folder.description = std::move(description);
  folder.user_id = user_id;
  if (auth_settings.is_object()) {
    folder.auth_settings_json = auth_settings.dump();
  } else if (!ctx.settings().auto_login) {
    folder.auth_settings_json = json{{"auth_type", "apikey"}}.dump();
  }
  auto created = service_.store().create_folder(std::move(folder));
  if (!created) {
    bool conflict = created.error().code == store::StoreErrorCode::conflict;
    return lfkit::unexpected(HttpError::detail(conflict ? 400 : 500, created.error().message));
  }
  return *created;
}

void ProjectsHandlers::read_projects(api::Context& ctx, const api::req::read_projects&) {
  auto folders = service_.store().list_folders(user_of(ctx));
  if (!folders) {
    ctx.respond_detail(500, folders.error().message);
    return;
  }
  std::vector<store::Folder> visible;
  for (auto& f : *folders) {
    if (f.name != flows::kStarterFolderName) visible.push_back(std::move(f));
  }
  // The default project first, the rest in creation order.
  std::stable_partition(visible.begin(), visible.end(),
                        [](const store::Folder& f) { return f.name == api::kDefaultFolderName; });
  json list = json::array();
  for (const auto& f : visible) list.push_back(flows::folder_read_json(f));
  ctx.respond_json(200, list);
}

void ProjectsHandlers::create_project(api::Context& ctx, const api::req::create_project& request) {
  const auto& body = request.body;
  auto folder = create_unique(ctx, body.name, body.description, body.auth_settings);
  if (!folder) return respond_error(ctx, folder.error());
  // Components first, then flows, as upstream moves them; only the caller's rows move.
  for (const auto* ids : {&body.components_list, &body.flows_list}) {
    if (*ids && !(*ids)->empty()) {
      (void)service_.store().move_flows(user_of(ctx), **ids, folder->id);
    }
  }
  ctx.respond_json(201, flows::folder_read_json(*folder));
}

void ProjectsHandlers::read_project(api::Context& ctx, const api::req::read_project& request) {
  const auto& user_id = user_of(ctx);
  auto folder = service_.store().get_folder(user_id, request.project_id);
  if (!folder) {
    ctx.respond_detail(404, "Project not found");
    return;
  }
  store::FlowQuery query;
  query.folder_id = folder->id;
  if (request.page && request.size) {
    if (auto invalid = check_page_params(*request.page, *request.size)) {
      ctx.respond_json(422, *invalid);
      return;
    }
    query.components_only = request.is_component;
    query.flows_only = request.is_flow;
    if (!request.search.empty()) query.name_contains = request.search;
    query.page = store::PageRequest{*request.page, *request.size};
    query.order = store::FlowOrder::updated_desc;
    auto page = service_.store().list_flows(user_id, query);
    if (!page) {
      ctx.respond_detail(500, page.error().message);
      return;
    }
    ctx.respond_json(200, {{"folder", flows::folder_read_json(*folder)},
                           {"flows", flows::page_json(flows::flow_list_json(page->items),
                                                      page->total, *request.page, *request.size)}});
    return;
  }
  auto all = service_.store().list_flows(user_id, query);
  if (!all) {
    ctx.respond_detail(500, all.error().message);
    return;
  }
  json out = flows::folder_read_json(*folder);
  out["flows"] = flows::flow_list_json(all->items);
  ctx.respond_json(200, out);
}

void ProjectsHandlers::update_project(api::Context& ctx, const api::req::update_project& request) {
  const auto& user_id = user_of(ctx);
  auto folder = service_.store().get_folder(user_id, request.project_id);
  if (!folder) {
    ctx.respond_detail(404, "Project not found");
    return;
  }
  const auto& body = request.body;
  if (body.name && !body.name->empty()) folder->name = *body.name;
  if (body.description) folder->description = body.description;
  if (body.parent_id) folder->parent_id = body.parent_id;
  if (request.body_json.is_object() && request.body_json.contains("auth_settings")) {
    const auto& auth = request.body_json["auth_settings"];
    folder->auth_settings_json =
        auth.is_null() ? store::OptString() : store::OptString(auth.dump());
  }
  // Upstream recomputes the `flows`/`components` lists from the project's current
  // contents before moving anything, so the lists in the body never move flows.
  auto saved = service_.store().update_folder(user_id, *folder);
  if (!saved) {
    switch (saved.error().code) {
      case store::StoreErrorCode::conflict:
        ctx.respond_detail(400, "Project name must be unique");
        return;
      case store::StoreErrorCode::not_found:
        ctx.respond_detail(404, "Project not found");
        return;
      default:
        ctx.respond_detail(500, saved.error().message);
        return;
    }
  }
  ctx.respond_json(200, flows::folder_read_json(*saved));
}

void ProjectsHandlers::delete_project(api::Context& ctx, const api::req::delete_project& request) {
  // The store deletes the project's flows (and their messages and runs) with it.
  if (!service_.store().delete_folder(user_of(ctx), request.project_id)) {
    ctx.respond_detail(404, "Project not found");
    return;
  }
  http::Response response;
  response.status = 204;
  ctx.respond(std::move(response));
}

void ProjectsHandlers::download_project(api::Context& ctx,
                                        const api::req::download_project& request) {
  const auto& user_id = user_of(ctx);
  auto folder = service_.store().get_folder(user_id, request.project_id);
  if (!folder) {
    ctx.respond_detail(404, "Project not found");
    return;
  }
  store::FlowQuery query;
  query.folder_id = folder->id;
  auto flows = service_.store().list_flows(user_id, query);
  if (!flows || flows->items.empty()) {
    ctx.respond_detail(404, "No flows found in project");
    return;
  }
  auto file_name = flows::download_timestamp() + "_" + folder->name + "_flows.zip";
  ctx.respond(flows::zip_download(flows->items,
                                  "attachment; filename*=UTF-8''" + percent_encode(file_name)));
}

void ProjectsHandlers::upload_project(api::Context& ctx, const api::req::upload_project& request) {
  const auto& user_id = user_of(ctx);
  const api::FormField* file = flows::uploaded_file_or_400(ctx, request.form);
  if (!file) return;
  json data;
  if (flows::looks_like_zip(file->data)) {
    auto entries = flows::read_zip_flows(file->data);
    if (!entries) return respond_error(ctx, entries.error());
    if (entries->empty()) {
      ctx.respond_detail(400, "No valid flow JSON files found in the ZIP");
      return;
    }
    // The project is named after the uploaded file, without its extension.
    std::string base = file->filename.substr(0, file->filename.rfind('.'));
    if (base.empty()) base = "Imported Project";
    data = {{"folder_name", base}, {"folder_description", ""}, {"flows", std::move(*entries)}};
  } else {
    data = json::parse(file->data, nullptr, false);
    if (data.is_discarded()) {
      ctx.respond_detail(400, "Invalid JSON file: the file is not valid JSON");
      return;
    }
  }
  if (data.is_null() || (data.is_structured() && data.empty()) || data == false || data == 0 ||
      data == "") {
    ctx.respond_detail(400, "No flows found in the file");
    return;
  }
  if (!data.is_object()) {
    ctx.respond_detail(
        400, "Invalid project data: expected a JSON object with 'folder_name' and 'flows' fields");
    return;
  }
  std::string missing;
  for (const char* key : {"folder_name", "flows"}) {
    if (!data.contains(key)) missing += (missing.empty() ? "" : ", ") + std::string(key);
  }
  if (!missing.empty()) {
    ctx.respond_detail(400, "Missing required field(s): " + missing);
    return;
  }
  if (!data["folder_name"].is_string() || !data["flows"].is_array()) {
    ctx.respond_detail(422,
                       "Invalid project data: 'folder_name' must be a string and 'flows' a "
                       "list of flow objects");
    return;
  }
  for (auto& flow : data["flows"]) {
    flows::join_code_lines(flow);
    auto errors = flow.is_object() ? flows::describe_flow_errors(flow)
                                   : std::string("Invalid JSON: every flow must be an object");
    if (!errors.empty()) {
      ctx.respond_detail(422, errors);
      return;
    }
  }
  store::OptString description;
  if (data.contains("folder_description") && data["folder_description"].is_string()) {
    description = data["folder_description"].get<std::string>();
  }
  auto folder = create_unique(ctx, data["folder_name"].get<std::string>(), description, json());
  if (!folder) return respond_error(ctx, folder.error());

  // Every flow gets a name unique among the caller's flows and this batch.
  std::set<std::string> used;
  std::vector<json> bodies;
  for (auto flow : data["flows"]) {
    auto base = flow.value("name", std::string());
    auto existing = service_.store().flow_names_with_prefix(user_id, base);
    std::vector<std::string> taken = existing ? *existing : std::vector<std::string>{};
    taken.insert(taken.end(), used.begin(), used.end());
    auto name = flows::unique_flow_name(base, taken);
    used.insert(name);
    flow["name"] = name;
    flow["folder_id"] = folder->id;
    flow.erase("user_id");
    bodies.push_back(std::move(flow));
  }
  auto created = service_.create_batch(user_id, bodies);
  if (!created) {
    (void)service_.store().delete_folder(user_id, folder->id);  // nothing half-imported
    return respond_error(ctx, created.error());
  }
  ctx.respond_json(201, flows::flow_list_json(*created));
}

}  // namespace lfkit::handlers::projects
