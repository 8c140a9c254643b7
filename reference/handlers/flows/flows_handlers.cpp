#include "handlers/flows/flows_handlers.hpp"

#include <set>

#include "api/context.hpp"
#include "common/memory.hpp"
#include "handlers/flows/flow_files.hpp"
#include "handlers/flows/flow_json.hpp"
#include "handlers/flows/flow_text.hpp"
#include "handlers/flows/starter_examples.hpp"
#include "http/gzip.hpp"

namespace lfkit::handlers::flows {
namespace {

using nlohmann::json;

void respond_error(api::Context& ctx, const HttpError& error) {
  ctx.respond_json(error.status, error.body);
}

void respond_gzip(api::Context& ctx, std::string_view json_text) {
  ctx.respond(http::gzip_json_response(200, json_text));
}

const std::string& user_of(const api::Context& ctx) {
  return ctx.caller()->user_id;
}

}  // namespace

std::optional<std::string> FlowsHandlers::starter_folder_id() const {
  auto folder = service_.store().find_shared_folder_by_name(kStarterFolderName);
  if (!folder) return std::nullopt;
  return folder->id;
}

std::optional<store::Flow> FlowsHandlers::readable_flow(const api::Context& ctx,
                                                        const std::string& id) const {
  if (auto flow = service_.store().get_flow(user_of(ctx), id)) return *flow;
  // Under AUTO_LOGIN upstream's owner filter also admits null-owner (example) flows.
  if (ctx.settings().auto_login) {
    auto flow = service_.store().get_flow_unscoped(id);
    if (flow && !flow->user_id) return *flow;
  }
  return std::nullopt;
}

void FlowsHandlers::read_flows(api::Context& ctx, const api::req::read_flows& request) {
  const auto& user_id = user_of(ctx);
  // Read before anything else: a change made while this listing is built moves the
  // generation past it, so the entry stored below can only be too old, never wrong.
  std::optional<int64_t> generation;
  std::string cache_key;
  if (request.get_all) {
    if (auto current = service_.store().flows_generation()) generation = *current;
    cache_key = user_id + (request.header_flows ? "|h" : "|f") +
                (request.components_only ? "c" : "-") + (request.remove_example_flows ? "r" : "-");
  }
  if (generation) {
    if (auto hit = list_cache_.find(cache_key, *generation)) return ctx.respond(std::move(*hit));
  }
  auto starter = starter_folder_id();
  auto default_folder = service_.default_folder(user_id);
  if (!default_folder && !starter) {
    ctx.respond_detail(404,
                       "Starter project and default project not found. Please create a project "
                       "and add flows to it.");
    return;
  }
  store::FlowQuery query;
  query.components_only = request.components_only;
  query.header_only = request.get_all && request.header_flows;
  auto keep = [&](const store::Flow& f) {
    return !(request.remove_example_flows && starter && f.folder_id == starter);
  };

  if (request.get_all) {
    ReleaseMemoryAfterLargeWork trim;  // declared first: runs after `flows` and the text are freed
    std::vector<store::Flow> flows;
    if (ctx.settings()
            .auto_login) {  // null-owner flows are visible too (rowid order: seeded first)
      auto shared = service_.store().list_shared_flows(query);
      if (shared) flows = std::move(shared->items);
    }
    auto own = service_.store().list_flows(user_id, query);
    if (!own) {
      ctx.respond_detail(500, "An internal error occurred while listing flows.");
      return;
    }
    flows.insert(flows.end(), own->items.begin(), own->items.end());
    std::string text =
        flow_list_text(flows, request.header_flows ? FlowShape::header : FlowShape::read, keep);
    trim.note(text.size());
    auto response = http::gzip_json_response(200, text);
    if (generation) list_cache_.put(cache_key, *generation, response);
    ctx.respond(std::move(response));
    return;
  }

  query.folder_id =
      request.folder_id ? *request.folder_id : (default_folder ? default_folder->id : *starter);
  query.page = store::PageRequest{request.page, request.size};
  bool shared_folder = ctx.settings().auto_login && starter && query.folder_id == starter;
  if (request.remove_example_flows && starter && query.folder_id == starter) {
    ctx.respond_json(200, page_json(json::array(), 0, request.page, request.size));
    return;
  }
  auto page = shared_folder ? service_.store().list_shared_flows(query)
                            : service_.store().list_flows(user_id, query);
  if (!page) {
    ctx.respond_detail(500, "An internal error occurred while listing flows.");
    return;
  }
  ctx.respond_json_text(200, page_text(flow_list_text(page->items, FlowShape::read), page->total,
                                       request.page, request.size));
}

void FlowsHandlers::create_flow(api::Context& ctx, const api::req::create_flow& request) {
  auto created = service_.create(user_of(ctx), request.body_json, {});
  if (!created) return respond_error(ctx, created.error());
  ctx.respond_json(201, flow_read_json(*created));
}

void FlowsHandlers::delete_multiple_flows(api::Context& ctx,
                                          const api::req::delete_multiple_flows& request) {
  auto deleted = service_.store().delete_flows(user_of(ctx), request.body);
  if (!deleted) {
    ctx.respond_detail(500, "Could not delete the flow.");
    return;
  }
  ctx.respond_json(200, {{"deleted", *deleted}});
}

void FlowsHandlers::read_basic_examples(api::Context& ctx, const api::req::read_basic_examples&) {
  auto starter = starter_folder_id();
  if (!starter) return respond_gzip(ctx, "[]");
  store::FlowQuery query;
  query.folder_id = starter;
  auto flows = service_.store().list_shared_flows(query);
  if (!flows) {
    ctx.respond_detail(500, "An internal error occurred while loading basic examples.");
    return;
  }
  respond_gzip(ctx, flow_list_text(flows->items, FlowShape::read));
}

void FlowsHandlers::create_flows(api::Context& ctx, const api::req::create_flows& request) {
  std::vector<json> bodies;
  if (auto flows = request.body_json.find("flows"); flows != request.body_json.end()) {
    for (const auto& flow : *flows) bodies.push_back(flow);
  }
  auto created = service_.create_batch(user_of(ctx), bodies);
  if (!created) return respond_error(ctx, created.error());
  ctx.respond_json(201, flow_list_json(*created));
}

void FlowsHandlers::download_multiple_file(api::Context& ctx,
                                           const api::req::download_multiple_file& request) {
  std::vector<store::Flow> flows;
  std::set<std::string> seen;
  for (const auto& id : request.body) {
    if (!seen.insert(id).second) continue;
    if (auto flow = service_.store().get_flow(user_of(ctx), id)) flows.push_back(*flow);
  }
  if (flows.empty()) {
    ctx.respond_detail(404, "No flows found.");
    return;
  }
  if (flows.size() == 1) {
    ctx.respond_json(200, export_flow_json(flows.front()));
    return;
  }
  ctx.respond(
      zip_download(flows, "attachment; filename=" + download_timestamp() + "_langflow_flows.zip"));
}

void FlowsHandlers::read_public_flow(api::Context& ctx, const api::req::read_public_flow& request) {
  auto flow = service_.store().get_flow_unscoped(request.flow_id);
  // A private flow answers exactly like a missing one: ids are not probes.
  if (!flow || flow->access_type != "PUBLIC") {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  json out = flow_read_json(*flow);
  out["data"] = strip_secrets(out["data"]);
  ctx.respond_json(200, out);
}

void FlowsHandlers::upload_flows(api::Context& ctx, const api::req::upload_flows& request) {
  const auto& user_id = user_of(ctx);
  const api::FormField* file = uploaded_file_or_400(ctx, request.form);
  if (!file) return;
  auto flows = read_uploaded_flows(file->data);
  if (!flows) return respond_error(ctx, flows.error());
  std::set<std::string> ids;
  size_t with_id = 0;
  for (const auto& flow : *flows) {
    if (flow.contains("id") && flow["id"].is_string()) {
      ++with_id;
      ids.insert(api::canonical_uuid(flow["id"].get<std::string>()).value_or(""));
    }
  }
  if (ids.size() != with_id) {
    ctx.respond_detail(422, "Invalid upload: duplicate flow IDs are not allowed");
    return;
  }
  json out = json::array();
  for (auto body : *flows) {
    if (request.folder_id) body["folder_id"] = *request.folder_id;
    std::optional<std::string> id;
    if (body.contains("id") && body["id"].is_string()) {
      id = api::canonical_uuid(body["id"].get<std::string>());
    }
    Outcome<store::Flow> saved = lfkit::unexpected(HttpError{});
    if (id) {
      if (auto owned = service_.store().get_flow(user_id, *id)) {
        // Re-importing one's own flow updates it in place (stable ids upsert).
        if (!body.contains("folder_id") || body["folder_id"].is_null()) body.erase("folder_id");
        saved = service_.replace(user_id, *owned, body);
      } else if (service_.store().get_flow_unscoped(*id)) {
        body.erase("id");  // someone else's id: import as a new copy
        saved = service_.create(user_id, body, {});
      } else {
        saved = service_.create(user_id, body, {});
      }
    } else {
      saved = service_.create(user_id, body, {});
    }
    if (!saved) return respond_error(ctx, saved.error());
    out.push_back(flow_read_json(*saved));
  }
  ctx.respond_json(201, out);
}

void FlowsHandlers::read_flow(api::Context& ctx, const api::req::read_flow& request) {
  // Read before the flow, as in read_flows: the entry can only be too old, never wrong.
  auto generation = service_.store().flows_generation();
  const std::string cache_key = user_of(ctx) + "|" + request.flow_id;
  if (generation) {
    if (auto hit = read_cache_.find(cache_key, *generation)) return ctx.respond(std::move(*hit));
  }
  auto flow = readable_flow(ctx, request.flow_id);
  if (!flow) {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  auto response = http::json_response(200, flow_read_text(*flow));
  if (generation) read_cache_.put(cache_key, *generation, response);
  ctx.respond(std::move(response));
}

void FlowsHandlers::upsert_flow(api::Context& ctx, const api::req::upsert_flow& request) {
  const auto& user_id = user_of(ctx);
  auto existing = service_.store().get_flow_unscoped(request.flow_id);
  if (existing) {
    if (existing->user_id != user_id) {
      ctx.respond_detail(404, "Flow not found");
      return;
    }
    auto saved = service_.replace(user_id, *existing, request.body_json);
    if (!saved) return respond_error(ctx, saved.error());
    ctx.respond_json(200, flow_read_json(*saved));
    return;
  }
  NewFlowOptions options;
  options.id = request.flow_id;
  options.fail_on_endpoint_conflict = true;
  options.reject_invalid_folder = true;
  auto created = service_.create(user_id, request.body_json, options);
  if (!created) return respond_error(ctx, created.error());
  ctx.respond_json(201, flow_read_json(*created));
}

void FlowsHandlers::update_flow(api::Context& ctx, const api::req::update_flow& request) {
  auto existing = service_.store().get_flow(user_of(ctx), request.flow_id);
  if (!existing) {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  auto saved = service_.patch(user_of(ctx), *existing, request.body_json);
  if (!saved) return respond_error(ctx, saved.error());
  ctx.respond_json(200, flow_read_json(*saved));
}

void FlowsHandlers::delete_flow(api::Context& ctx, const api::req::delete_flow& request) {
  if (!service_.store().delete_flow(user_of(ctx), request.flow_id)) {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  ctx.respond_json(200, {{"message", "Flow deleted successfully"}});
}

void FlowsHandlers::get_note_translations(api::Context& ctx,
                                          const api::req::get_note_translations& request) {
  auto flow = readable_flow(ctx, request.flow_id);
  if (!flow) {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  // Upstream maps noteNode ids to translations of their `i18n_key` for the request
  // locale; this server ships no translation catalogue (and its examples carry no
  // keys), so every note keeps its own text: the map is always empty.
  ctx.respond_json(200, json::object());
}

void FlowsHandlers::get_starter_projects(api::Context& ctx, const api::req::get_starter_projects&) {
  json list = json::array();
  for (const auto& example : starter_examples()) {
    list.push_back({{"data", example.at("data")},
                    {"is_component", example.value("is_component", false)},
                    {"name", example.at("name")},
                    {"description", example.value("description", json(nullptr))},
                    {"endpoint_name", example.value("endpoint_name", json(nullptr))}});
  }
  ctx.respond_json(200, list);
}

}  // namespace lfkit::handlers::flows
