#include "handlers/flows/starter_examples.hpp"

#include "handlers/flows/flow_json.hpp"

namespace lfkit::handlers::flows {
namespace {

constexpr std::string_view kStarterFolderDescription =
    "Starter projects to help you get started in Langflow.";

store::Flow example_flow(const nlohmann::json& example, const std::string& folder_id) {
  store::Flow flow;
  flow.id = example.at("id").get<std::string>();
  flow.name = example.at("name").get<std::string>();
  flow.description = example.value("description", std::string());
  flow.data_json = example.at("data").dump();
  flow.is_component = example.value("is_component", false);
  flow.tags_json = example.value("tags", nlohmann::json::array()).dump();
  flow.folder_id = folder_id;  // user_id stays null: shared by everyone
  return flow;
}

}  // namespace

const std::vector<nlohmann::json>& starter_examples() {
  static const std::vector<nlohmann::json> parsed = [] {
    std::vector<nlohmann::json> out;
    for (auto text : starter_example_texts()) out.push_back(nlohmann::json::parse(text));
    return out;
  }();
  return parsed;
}

store::Status seed_starter_examples(store::Store& store) {
  auto folder = store.find_shared_folder_by_name(kStarterFolderName);
  if (!folder && folder.error().code == store::StoreErrorCode::not_found) {
    store::Folder shared;
    shared.name = std::string(kStarterFolderName);
    shared.description = std::string(kStarterFolderDescription);
    folder = store.create_folder(std::move(shared));
  }
  if (!folder) return lfkit::unexpected(folder.error());
  for (const auto& example : starter_examples()) {
    auto id = example.at("id").get<std::string>();
    auto existing = store.get_flow_unscoped(id);
    if (existing) continue;
    if (existing.error().code != store::StoreErrorCode::not_found) {
      return lfkit::unexpected(existing.error());
    }
    auto created = store.create_flow(example_flow(example, folder->id));
    if (!created) return lfkit::unexpected(created.error());
  }
  return {};
}

}  // namespace lfkit::handlers::flows
