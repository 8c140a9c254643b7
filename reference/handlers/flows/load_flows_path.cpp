#include "handlers/flows/load_flows_path.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "handlers/flows/flow_service.hpp"
#include "lfkit/api/runtime.hpp"

namespace lfkit::handlers::flows {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The FlowCreate fields an export carries (others, e.g. user_id or folder_id, are this
// server's business).
json flow_body(const json& file) {
  json body = json::object();
  for (const char* key : {"name", "description", "data", "is_component", "endpoint_name", "icon",
                          "icon_bg_color", "gradient", "tags", "webhook", "locked"}) {
    if (auto it = file.find(key); it != file.end() && !it->is_null()) body[key] = *it;
  }
  return body;
}

std::string error_text(const HttpError& e) {
  return e.body.contains("detail") ? e.body["detail"].dump() : e.body.dump();
}

}  // namespace

std::vector<std::string> load_flows_from_directory(std::shared_ptr<const api::Services> services) {
  const auto& s = services->settings;
  std::vector<std::string> report;
  if (s.load_flows_path.empty()) return report;
  if (!s.auto_login) {
    report.push_back("LANGFLOW_LOAD_FLOWS_PATH ignored: it needs LANGFLOW_AUTO_LOGIN=true");
    return report;
  }
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(s.load_flows_path, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path());
  }
  if (ec) {
    report.push_back("LANGFLOW_LOAD_FLOWS_PATH " + s.load_flows_path + ": " + ec.message());
    return report;
  }
  std::sort(files.begin(), files.end());
  auto superuser = services->store->get_user_by_username("langflow");  // AUTO_LOGIN's user
  if (!superuser) {
    report.push_back("LANGFLOW_LOAD_FLOWS_PATH: no superuser to own the flows");
    return report;
  }
  FlowService service(services);
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    json file = json::parse(text.str(), nullptr, false);
    if (file.is_discarded() || !file.is_object() || !file.contains("name") ||
        !file["name"].is_string()) {
      report.push_back(name + ": skipped, not a flow export (JSON object with a name)");
      continue;
    }
    std::optional<std::string> id;
    if (auto stem = api::canonical_uuid(path.stem().string())) {
      id = *stem;
    } else if (file.contains("id") && file["id"].is_string()) {
      id = api::canonical_uuid(file["id"].get<std::string>());
    }
    const json body = flow_body(file);
    store::Result<store::Flow> existing =
        store::store_failure(store::StoreErrorCode::not_found, "no id");
    if (id) existing = services->store->get_flow(superuser->id, *id);
    if (!existing && body.contains("endpoint_name") && body["endpoint_name"].is_string()) {
      existing = services->store->find_flow_by_endpoint_name(
          superuser->id, body["endpoint_name"].get<std::string>());
    }
    if (existing) {
      auto updated = service.replace(superuser->id, std::move(*existing), body);
      report.push_back(name + (updated ? ": updated flow " + updated->id
                                       : ": not updated: " + error_text(updated.error())));
      continue;
    }
    NewFlowOptions options;
    options.id = id;
    auto created = service.create(superuser->id, body, options);
    report.push_back(name + (created ? ": created flow " + created->id
                                     : ": not created: " + error_text(created.error())));
  }
  return report;
}

}  // namespace lfkit::handlers::flows
